"""Events the market regulator (市场监督管理部门) sends in: an external department, not a Civic Mesh service.

Its integration publishes onto the city exchange with a department-system client; registry consumes.
"""
from __future__ import annotations

from datetime import date
from typing import ClassVar

from shared.events.base import Event


class LicenceRevoked(Event):
    """A business licence was revoked (吊销营业执照): registry force-deregisters the unit regardless of arrears."""

    type: ClassVar[str] = "market_regulator.licence.revoked"
    producer: ClassVar[str] = "market_regulator"
    consumers: ClassVar[tuple[str, ...]] = ("registry",)

    uscc: str
    revoked_on: date
    decision_number: str  # the regulator's decision document number (行政处罚决定书文号)

    def subject(self) -> str:
        return self.uscc
