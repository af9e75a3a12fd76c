"""Which USCC each registered unit has, one document per employer id (`{_id: employer_id, employer_id, uscc}`)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.contracts.domain.units import Unit
from shared.errors import Conflict, DomainError
from shared.repository import AggregateRepository, Codec


@dataclass
class UnitRepository(AggregateRepository[Unit]):
    codec: Codec[Unit] = Codec.of(Unit, key=lambda unit: unit.employer_id)
    what: str = "unit"
    duplicate: Callable[[Unit], DomainError] | None = lambda unit: Conflict(f"unit {unit.employer_id} is known")
