"""Payroll and bonus runs, one document per run keyed by what may run once (a month; a street's year): a second
run is a 409."""
from __future__ import annotations

from datetime import datetime, timezone

from services.workforce.application.ports import Run
from services.workforce.domain.refusals import conflict
from shared.errors import Conflict
from shared.repository import AggregateRepository, Codec
from shared.store import AggregateStore

CODEC = Codec(encode=lambda run: {"id": run.id, **run.record},
              decode=lambda d: Run(d["id"], {k: v for k, v in d.items() if k != "id"}),
              derived=lambda run: {"created_at": datetime.now(timezone.utc)}, derived_fields=("created_at",))


def run_repository(store: AggregateStore, what: str) -> AggregateRepository[Run]:
    """`what`: payroll, bonus (the 409's rule is `one-<what>-run`)."""
    def duplicate(run: Run) -> Conflict:
        return conflict(f"the {what} for {run.id} has already been run", f"one-{what}-run", key=run.id)

    return AggregateRepository(store, CODEC, what=f"{what} run", duplicate=duplicate)
