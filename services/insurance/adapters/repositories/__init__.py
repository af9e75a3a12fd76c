"""Storage of insurance: one `AggregateRepository` per aggregate (accounts, members, fines, back-payments,
repayments, rate tables) holding only its queries, and the monthly cycle's write-once stores (statements and
their facts, wage bases, step claims, closing batches) written in bulk."""
