"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from services.registry.adapters.repositories.communities import CommunityRepository
from services.registry.adapters.repositories.employers import EmployerRepository
from services.registry.adapters.repositories.residential_areas import ResidentialAreaRepository
from services.registry.adapters.repositories.staffing import StaffingCounts
from services.registry.adapters.repositories.star_communities import StarCommunityRepository
from services.registry.adapters.repositories.technology_centres import TechnologyCentreRepository
from services.registry.application.subscriptions import SUBSCRIPTIONS
from services.registry.settings import RegistrySettings
from shared.clock import Now, Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.sequences import SequenceAllocator
from shared.wiring import dependencies_of, event_handlers


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(kw_only=True)
class Container:
    runtime: ServiceRuntime
    today: Today
    now: Now
    inspection_deadline: tuple[int, int]
    """(month, day) by which year Y is inspected."""
    insurance_answer_time: timedelta
    """After this, a pending deregistration shows `awaiting insurance` and may be re-sent."""
    employers: EmployerRepository
    certificates: SequenceAllocator
    star_communities: StarCommunityRepository
    technology_centres: TechnologyCentreRepository
    communities: CommunityRepository
    residential_areas: ResidentialAreaRepository
    staffing: StaffingCounts  # workforce's counts, for the compliance report

    async def init_db(self) -> None:
        for indexed in (self.employers, self.certificates, self.star_communities, self.technology_centres,
                        self.communities, self.residential_areas):
            await indexed.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today, now: Now = utc_now,
              registry: RegistrySettings | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("registry"))
    registry = registry or RegistrySettings()
    container = Container(
        runtime=runtime, today=today, now=now, inspection_deadline=registry.inspection_deadline,
        insurance_answer_time=registry.insurance_answer_time,
        employers=EmployerRepository(runtime.store("employers")),
        certificates=SequenceAllocator(runtime.db["certificate_sequences"], runtime.locks),
        star_communities=StarCommunityRepository(runtime.store("star_communities")),
        technology_centres=TechnologyCentreRepository(runtime.store("technology_centres")),
        communities=CommunityRepository(runtime.store("communities")),
        residential_areas=ResidentialAreaRepository(runtime.store("residential_areas")),
        staffing=StaffingCounts(runtime.db["community_staffing"], runtime.locks))
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, dependencies_of(container), service="registry"))
    return container
