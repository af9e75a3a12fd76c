"""The audit trail every process keeps of the state-changing requests it serves: `chain` (the pure rules: sealing
and judging), `keys` (the HMAC keys by id), `log` (the records and checkpoints in the process's own database),
`middleware` (one record per non-safe `/api/` request, written before the answer leaves)."""
