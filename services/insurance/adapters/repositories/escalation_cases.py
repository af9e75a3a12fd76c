"""Escalation cases (欠费催缴案件), one document per unit, listed by status and stage."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.insurance.domain.escalation_case import EscalationCase
from shared.repository import AggregateRepository, Codec, Page


@dataclass
class EscalationCaseRepository(AggregateRepository[EscalationCase]):
    codec: Codec[EscalationCase] = Codec.of(EscalationCase)
    what: str = "escalation case"
    indexes: Any = field(default=("status", "stage"))

    async def page_of(self, page: int, size: int, *, status: str | None = None,
                      stage: str | None = None) -> Page[EscalationCase]:
        query = {k: v for k, v in (("status", status), ("stage", stage)) if v is not None}
        return await self.page(query, page, size)
