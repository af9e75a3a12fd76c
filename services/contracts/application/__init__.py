"""Use cases: load → decide (domain) → save through `shared.usecase` (state and outbox events in one document
write); storage is named in `ports.py`."""
