"""Food-safety inspection records: one document each, with the duties found wanting (`finding_duties`) and the
outcome stored beside them for the listing's filters."""
from __future__ import annotations

from dataclasses import dataclass

from services.markets.domain.food_safety import FoodSafetyInspection
from shared.repository import AggregateRepository, Codec, Page


def _derived(inspection: FoodSafetyInspection) -> dict:
    return {"outcome": inspection.outcome, "finding_duties": [f.duty for f in inspection.findings]}


INSPECTIONS = Codec.of(FoodSafetyInspection, derived=_derived, derived_fields=("outcome", "finding_duties"))


@dataclass
class InspectionRepository(AggregateRepository[FoodSafetyInspection]):
    codec: Codec[FoodSafetyInspection] = INSPECTIONS
    what: str = "inspection"
    indexes: tuple[str, ...] = ("market_id", "district_code", "outcome", "finding_duties", "inspected_on")

    async def listing(self, *, market_id: str | None, district_code: str | None, outcome: str | None,
                      duty: str | None, page: int, size: int) -> Page[FoodSafetyInspection]:
        """The inspection records by inspection date (oldest first), filtered on indexed fields; `duty`: the
        records with a finding on that duty."""
        query = {k: v for k, v in (("market_id", market_id), ("district_code", district_code), ("outcome", outcome),
                                   ("finding_duties", duty)) if v is not None}
        return await self.page(query, page, size, sort="inspected_on")
