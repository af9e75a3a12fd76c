"""One `AggregateRepository` per aggregate, each with its codec and only the queries the use cases need."""
