"""The registrar's listing of overdue cases (domain/overdue.py): read from the records, on the day asked."""
from __future__ import annotations

from datetime import date

from services.registry.application.ports import Employers, TechnologyCentres, Today
from services.registry.domain import overdue as rules
from services.registry.domain.deadlines import act_date
from services.registry.domain.overdue import OverdueCase, OverdueKind
from shared.paging import PageRequest
from shared.repository import Page


async def overdue_cases(employers: Employers, technology_centres: TechnologyCentres, today: Today, *,
                        on: date | None, kind: OverdueKind | None, paging: PageRequest) -> Page[OverdueCase]:
    """Overdue on `on` (else today in Beijing; never a day still to come), longest overdue first."""
    day = act_date(on, today())
    applications = [] if kind not in (None, OverdueKind.REGISTRATION_REVIEW) else \
        await employers.overdue_applications(day)
    centres = [] if kind is OverdueKind.REGISTRATION_REVIEW else await technology_centres.past_due(day)
    cases = rules.overdue_cases(applications, centres, day, kind)
    return Page(cases[paging.skip:paging.skip + paging.size], len(cases))
