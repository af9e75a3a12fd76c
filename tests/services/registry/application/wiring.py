"""Registry's subscriptions bound the way bootstrap binds them (`event_handlers`, every dependency checked), over
in-memory stand-ins unless a test passes its own."""
from __future__ import annotations

from datetime import date

from services.registry.application.subscriptions import SUBSCRIPTIONS
from shared.bus.consumer import Handler
from shared.wiring import event_handlers
from tests.services.registry.domain.factories import TODAY
from tests.support.fakes import InMemoryRepository


class InMemoryEmployers(InMemoryRepository):
    """The employers port's queries over the stored employers."""

    async def id_by_uscc(self, uscc: str) -> str | None:
        return next((e.id for e in self.matching(uscc=uscc) if e.status not in ("rejected", "deregistered")), None)

    async def ids_not_inspected(self, year: int) -> list[str]:
        return sorted(e.id for e in self.aggregates()
                      if e.certificate and e.certificate.status == "valid" and year not in e.inspected_years)


class InMemoryStaffing:
    def __init__(self) -> None:
        self.counts: dict[str, tuple[int, date]] = {}

    async def record(self, community_id: str, actual: int, counted_on: date) -> None:
        if community_id not in self.counts or self.counts[community_id][1] <= counted_on:
            self.counts[community_id] = (actual, counted_on)

    async def actual(self, community_id: str) -> int | None:
        return self.counts[community_id][0] if community_id in self.counts else None


def registry_handlers(**dependencies) -> dict[str, Handler]:
    """{event type: handler(envelope)} as the consumer gets them."""
    defaults = {"employers": InMemoryEmployers(), "technology_centres": InMemoryRepository(),
                "star_communities": InMemoryRepository(),
                "staffing": InMemoryStaffing(), "today": lambda: TODAY}
    return event_handlers(SUBSCRIPTIONS, defaults | dependencies, service="registry")
