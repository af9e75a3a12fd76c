"""Overdue cases (超期): a deadline the regulation sets on registry's side, or on an enterprise's, that has run
without the act it waits for. Each case names the rule and the article it comes from, so the registrar's listing
reads like the refusal a late act would get.

Computed from the records themselves on the day asked (`on`): a case appears the day after its due date and
disappears with the act (the review decided, the result published, the plan filed), so nothing has to be
written, swept or closed, and a redelivered event or a re-run changes nothing. The regulation only sets the
deadlines (第七条, 第十条, 第十八条); that an overdue one is listed for the registrar is the platform's choice of
what an officer expects: a deadline that passes unseen is no deadline.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.registry.domain.model import Employer, EmployerStatus
from services.registry.domain.technology_centre_record import CentreStatus, TechnologyCentre


class OverdueKind(StrEnum):
    REGISTRATION_REVIEW = "registration-review"            # 第七条: 10 working days from acceptance
    CENTRE_RESULT = "technology-centre-result"             # 第十条: 90 working days from 30 April
    RECTIFICATION_PLAN = "rectification-plan"              # 第十八条: the plan after a first [60, 65] score
    STAR_SPOT_CHECK = "star-spot-check"                    # 智慧社区 第十九条: a spot check every year


@dataclass(frozen=True, kw_only=True)
class OverdueCase:
    kind: OverdueKind
    subject_id: str          # the employer's id (a registration, or the enterprise holding the centre)
    subject_name: str
    due: date
    overdue_days: int        # calendar days since the due date
    waiting_for: str         # who must act: registry (the review, the result) or the enterprise (its plan)
    rule: str
    article: str
    year: int | None = None  # the round or evaluation year, for technology centres


def review_overdue(employer: Employer, on: date) -> OverdueCase | None:
    """第七条 (自受理之日起10个工作日内审核完毕): an application still under review after its `decision_due`."""
    application = employer.application
    if employer.status != EmployerStatus.APPLIED or application is None or application.decision_due >= on:
        return None
    return OverdueCase(kind=OverdueKind.REGISTRATION_REVIEW, subject_id=employer.id, subject_name=employer.name,
                       due=application.decision_due, overdue_days=(on - application.decision_due).days,
                       waiting_for="registry", rule="review-within-10-working-days", article="第七条")


def centre_cases(centre: TechnologyCentre, on: date) -> list[OverdueCase]:
    """第十条 (认定结果…90个工作日之内发布): an application without a result after its `result_due`; 第十八条: a
    warning's rectification plan not filed by its `rectification_plan_due` (while the centre is certified)."""
    cases = []
    if centre.status is CentreStatus.APPLIED and centre.applications and centre.application.result_due < on:
        app = centre.application
        cases.append(OverdueCase(kind=OverdueKind.CENTRE_RESULT, subject_id=centre.id,
                                 subject_name=centre.enterprise_name, due=app.result_due,
                                 overdue_days=(on - app.result_due).days, waiting_for="registry",
                                 rule="result-within-90-working-days", article="第十条", year=app.year))
    if centre.status is CentreStatus.CERTIFIED:
        cases += [OverdueCase(kind=OverdueKind.RECTIFICATION_PLAN, subject_id=centre.id,
                              subject_name=centre.enterprise_name, due=e.rectification_plan_due,
                              overdue_days=(on - e.rectification_plan_due).days, waiting_for="enterprise",
                              rule="rectification-plan-after-warning", article="第十八条", year=e.year)
                  for e in centre.evaluations
                  if e.warning and e.rectification_plan is None and e.rectification_plan_due is not None
                  and e.rectification_plan_due < on]
    return cases


def spot_check_overdue(year: int, missing: bool, on: date) -> OverdueCase | None:
    """智慧社区 第十九条 (每年…进行抽查): a year with named smart communities and no spot check, once it has ended."""
    due = date(year, 12, 31)
    if not missing or due >= on:
        return None
    return OverdueCase(kind=OverdueKind.STAR_SPOT_CHECK, subject_id=f"star-spot-check:{year}",
                       subject_name=f"智慧社区年度抽查 {year}", due=due, overdue_days=(on - due).days,
                       waiting_for="registry", rule="spot-check-every-year", article="第十九条", year=year)


def overdue_cases(employers: Iterable[Employer], centres: Iterable[TechnologyCentre], on: date,
                  kind: OverdueKind | None = None, spot_check: OverdueCase | None = None) -> list[OverdueCase]:
    """Every overdue case on `on` (of one `kind`, if given), the longest overdue first."""
    cases = [case for e in employers if (case := review_overdue(e, on))] + ([spot_check] if spot_check else [])
    cases += [case for centre in centres for case in centre_cases(centre, on)]
    chosen = [c for c in cases if kind is None or c.kind is kind]
    return sorted(chosen, key=lambda c: (c.due, c.kind.value, c.subject_id))
