"""The registrar's listing of overdue cases (domain/overdue.py): read from the records, on the day asked."""
from __future__ import annotations

from datetime import date

from services.registry.application.ports import Employers, StarCommunities, TechnologyCentres, Today
from services.registry.domain import overdue as rules
from services.registry.domain import star_community as sc
from services.registry.domain.deadlines import act_date
from services.registry.domain.overdue import OverdueCase, OverdueKind
from services.registry.domain.stars import spot_check_missing
from shared.paging import PageRequest
from shared.repository import Page


async def overdue_cases(employers: Employers, technology_centres: TechnologyCentres,
                        star_communities: StarCommunities, today: Today, *, on: date | None,
                        kind: OverdueKind | None, paging: PageRequest) -> Page[OverdueCase]:
    """Overdue on `on` (else today in Beijing; never a day still to come), longest overdue first. The yearly spot
    check is looked at for the last year ended before `on`."""
    day = act_date(on, today())
    wanted = (lambda k: kind is None or kind is k)
    applications = await employers.overdue_applications(day) if wanted(OverdueKind.REGISTRATION_REVIEW) else []
    centres = await technology_centres.past_due(day) if wanted(OverdueKind.CENTRE_RESULT) or wanted(
        OverdueKind.RECTIFICATION_PLAN) else []
    spot_check = await _spot_check(star_communities, day.year - 1, day) if wanted(OverdueKind.STAR_SPOT_CHECK) \
        else None
    cases = rules.overdue_cases(applications, centres, day, kind, spot_check)
    return Page(cases[paging.skip:paging.skip + paging.size], len(cases))


async def _spot_check(star_communities: StarCommunities, year: int, day: date) -> OverdueCase | None:
    records = await star_communities.every()
    checks = [check.checked_on for record in records for check in record.spot_checks]
    missing = spot_check_missing(year, any(sc.titled_during(record, year) for record in records), checks)
    return rules.spot_check_overdue(year, missing, day)
