"""Safe retries: the `Idempotency-Key` request header on every state-changing request of every service.

`rules` (pure: the key, the fingerprint, the caller, what a stored record means), `store` (the service's
`idempotency_keys` collection), `middleware` (installed by `shared.runtime.create_app`), `openapi` (the header in
every service's document). docs/api.md, "Safe retries", is what a client reads.
"""
