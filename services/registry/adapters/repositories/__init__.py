"""Mongo repositories, one module per aggregate: `AggregateRepository` with the aggregate's codec, plus its
queries (the only place with queries)."""
