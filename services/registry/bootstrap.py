"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.registry.adapters.centres_repository import TechnologyCentreRepository
from services.registry.adapters.places_repository import (CommunityRepository, ResidentialAreaRepository,
                                                          StaffingCounts)
from services.registry.adapters.repository import EmployerRepository
from services.registry.adapters.stars_repository import StarCommunityRepository
from services.registry.application.subscriptions import SUBSCRIPTIONS
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.sequences import SequenceAllocator
from shared.wiring import event_handlers


class RegistryRules(BaseSettings):
    """Registry's configurable rules (`CIVIC_REGISTRY_*`), read once here."""

    model_config = SettingsConfigDict(env_prefix="CIVIC_REGISTRY_", frozen=True, extra="ignore")

    insurance_answer_hours: float = Field(24.0, gt=0, description="after this, a pending deregistration shows "
                                          "`awaiting insurance` and may be re-sent")
    inspection_deadline: tuple[int, int] = Field((12, 31), description="month, day by which year Y is inspected")

    @property
    def insurance_answer_time(self) -> timedelta:
        return timedelta(hours=self.insurance_answer_hours)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Container:
    runtime: ServiceRuntime
    employers: EmployerRepository
    certificates: SequenceAllocator
    today: Today
    now: Callable[[], datetime]
    rules: RegistryRules
    star_communities: StarCommunityRepository
    technology_centres: TechnologyCentreRepository
    communities: CommunityRepository
    residential_areas: ResidentialAreaRepository
    staffing: StaffingCounts  # workforce's counts, for the compliance report

    @property
    def inspection_deadline(self) -> tuple[int, int]:
        return self.rules.inspection_deadline

    async def init_db(self) -> None:
        await self.employers.ensure_indexes()
        await self.certificates.ensure_indexes()
        await self.star_communities.ensure_indexes()
        await self.technology_centres.ensure_indexes()
        await self.communities.ensure_indexes()
        await self.residential_areas.ensure_indexes()


def places_of(runtime: ServiceRuntime) -> dict:
    """Communities, residential areas and workforce's staffing counts."""
    return {"communities": CommunityRepository(runtime.store("communities")),
            "residential_areas": ResidentialAreaRepository(runtime.store("residential_areas")),
            "staffing": StaffingCounts(runtime.db["community_staffing"], runtime.locks)}


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              now: Callable[[], datetime] = utc_now, rules: RegistryRules | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("registry"))
    container = Container(runtime, EmployerRepository(runtime.store("employers")),
                          SequenceAllocator(runtime.db["certificate_sequences"], runtime.locks), today, now,
                          rules or RegistryRules(),
                          star_communities=StarCommunityRepository(runtime.store("star_communities")),
                          technology_centres=TechnologyCentreRepository(runtime.store("technology_centres")),
                          **places_of(runtime))
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
