"""Use cases: load → decide (domain) → save (state and outbox events in one document write)."""
