"""An enterprise's technology centre record (市级企业技术中心): applications, certification, yearly evaluations,
revocation and the re-application bar. One document per enterprise (id = the registry employer id).

    (none) | rejected | revoked --apply--> applied --decide--> certified | rejected
    certified --evaluation fail / 2nd consecutive [60,65] / revoke / enterprise terminated--> revoked
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum


from services.registry.domain import technology_centre as rules
from services.registry.domain.technology_centre import Cause, Grade, Violation
from services.registry.domain.problems import conflict, wrong_status
from shared.errors import InvalidInput


class CentreStatus(StrEnum):
    APPLIED = "applied"
    CERTIFIED = "certified"
    REJECTED = "rejected"
    REVOKED = "revoked"



@dataclass(frozen=True, kw_only=True)
class Figures:
    main_revenue: Decimal          # yuan
    st_spending: Decimal           # yuan
    rd_staff: int
    equipment_value: Decimal       # yuan, original value


@dataclass(frozen=True, kw_only=True)
class CentreApplication:
    year: int
    applied_on: date
    centre_established_on: date
    figures: Figures
    override_officer: str | None = None
    override_reason: str | None = None
    parent_employer_id: str | None = None
    consolidated_subsidiaries: tuple[str, ...] = ()
    result_due: date
    decided_on: date | None = None
    certified: bool | None = None
    result_late: bool | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RectificationPlan:
    """第十八条 整改方案: filed by the enterprise after the warning; `late` when filed after its due date."""

    filed_on: date
    summary: str
    late: bool


@dataclass(frozen=True, kw_only=True)
class Evaluation:
    year: int
    score: Decimal
    materials_submitted_on: date | None
    evaluated_on: date
    materials_late: bool
    grade: Grade
    warning: bool = False            # 第十八条: first score in [60, 65] → warning + rectification plan
    rectification_plan_due: date | None = None
    rectification_plan: RectificationPlan | None = None


@dataclass(frozen=True, kw_only=True)
class Revocation:
    cause: Cause
    on: date
    detail: str = ""
    barred_until: date


@dataclass(frozen=True, kw_only=True)
class ChangeReport:
    kind: str                        # rename | reorganisation
    effective_on: date
    reported_on: date
    due: date
    late: bool
    new_name: str | None = None


@dataclass(frozen=True, kw_only=True)
class TechnologyCentre:
    id: str
    enterprise_name: str
    status: CentreStatus
    certified_on: date | None = None
    applications: tuple[CentreApplication, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    revocations: tuple[Revocation, ...] = ()
    changes: tuple[ChangeReport, ...] = ()
    barred_until: date | None = None
    bar_cause: Cause | None = None

    @property
    def application(self) -> CentreApplication:
        return self.applications[-1]


def apply(centre: TechnologyCentre | None, employer_id: str, enterprise_name: str, application: CentreApplication,
          violations: list[tuple[Violation, date]], parent_certified: bool,
          certified_consolidated: list[str]) -> TechnologyCentre:
    """第五–八条, and the bar of 第十六、十七条 on a new application."""
    if centre is not None and centre.status in (CentreStatus.APPLIED, CentreStatus.CERTIFIED):
        raise wrong_status("technology-centre", centre.status.value, None,
                           f"enterprise {employer_id} already has a centre {centre.status.value}")
    if centre is not None:
        rules.check_not_barred(centre.barred_until, centre.bar_cause, application.applied_on)
    rules.check_eligibility(application.applied_on, application.centre_established_on,
                            asdict(application.figures), application.override_reason, violations,
                            parent_certified, certified_consolidated)
    base = centre or TechnologyCentre(id=employer_id, enterprise_name=enterprise_name, status=CentreStatus.APPLIED)
    return replace(base, status=CentreStatus.APPLIED, enterprise_name=enterprise_name,
                   applications=(*base.applications, application))


def decide(centre: TechnologyCentre, certify: bool, decided_on: date, reasons: tuple[str, ...],
           fraud: bool = False) -> TechnologyCentre:
    """第九、十条: the result, due within 90 working days of the deadline (a later one is recorded as late)."""
    _must_be(centre, CentreStatus.APPLIED)
    app = centre.application
    if decided_on < app.applied_on:
        raise InvalidInput.on("decided_on", "decide-after-application", f"applied on {app.applied_on}")
    if fraud and certify:
        raise InvalidInput.on("fraud", "no-certification-on-fraud", "a fraudulent application is not certified")
    decided = replace(app, decided_on=decided_on, certified=certify, reasons=reasons,
                      result_late=decided_on > app.result_due)
    update: dict = {"applications": (*centre.applications[:-1], decided)}
    if certify:
        update |= {"status": CentreStatus.CERTIFIED, "certified_on": decided_on}
    else:
        update |= {"status": CentreStatus.REJECTED}
        if fraud:  # 第十七条: 弄虚作假 → three years
            update |= {"barred_until": rules.barred_until(Cause.APPLICATION_FRAUD, decided_on),
                       "bar_cause": Cause.APPLICATION_FRAUD}
    return replace(centre, **update)


def evaluate(centre: TechnologyCentre, year: int, score: Decimal, submitted_on: date | None,
             evaluated_on: date) -> TechnologyCentre:
    """第十三、十五、十八条: grade the year; a fail or a second consecutive [60, 65] revokes, a first one warns."""
    _must_be(centre, CentreStatus.CERTIFIED)
    if any(e.year == year for e in centre.evaluations):
        raise conflict(f"centre {centre.id} was already evaluated for {year}", "one-evaluation-a-year", field="year",
                       article="第十三条", year=year)
    late = rules.materials_late(year, submitted_on, evaluated_on)
    graded = rules.grade(score, late)
    previous_marginal = bool(centre.evaluations) and _counts_as_marginal(centre.evaluations[-1])
    marginal = graded is not Grade.FAIL and rules.is_marginal(score)
    warning = marginal and not previous_marginal
    evaluation = Evaluation(year=year, score=score, materials_submitted_on=submitted_on, evaluated_on=evaluated_on,
                            materials_late=late, grade=graded, warning=warning,
                            rectification_plan_due=rules.rectification_plan_due(evaluated_on) if warning else None)
    evaluated = replace(centre, evaluations=(*centre.evaluations, evaluation))
    if graded is Grade.FAIL:
        detail = "materials more than a month late" if late else f"score {score} < 60"
        return revoke(evaluated, Cause.EVALUATION_FAILED, evaluated_on, detail)
    if marginal and previous_marginal:
        return revoke(evaluated, Cause.TWO_MARGINAL_SCORES, evaluated_on,
                      f"scores {centre.evaluations[-1].score} and {score} both in [60, 65]")
    return evaluated


def file_rectification_plan(centre: TechnologyCentre, year: int, filed_on: date, summary: str) -> TechnologyCentre:
    """第十八条: the enterprise's rectification plan for the year its first score in [60, 65] was warned; once."""
    _must_be(centre, CentreStatus.CERTIFIED)
    found = next((e for e in centre.evaluations if e.year == year), None)
    if found is None:
        raise InvalidInput.on("year", "evaluated-year", f"centre {centre.id} has no evaluation for {year}")
    if not found.warning:
        raise conflict(f"the {year} evaluation ({found.score}) gave no warning: no rectification plan is asked for",
                       "rectification-plan-after-warning", field="year", article="第十八条", score=str(found.score))
    if found.rectification_plan is not None:
        raise conflict(f"the plan for {year} was filed on {found.rectification_plan.filed_on}",
                       "one-rectification-plan", field="year", article="第十八条")
    if filed_on < found.evaluated_on:
        raise InvalidInput.on("on", "plan-after-warning", f"the warning was given on {found.evaluated_on}")
    if not summary.strip():
        raise InvalidInput.on("summary", "required", "the plan's summary is required")
    plan = RectificationPlan(filed_on=filed_on, summary=summary.strip(),
                             late=filed_on > found.rectification_plan_due)
    evaluations = tuple(replace(e, rectification_plan=plan) if e is found else e for e in centre.evaluations)
    return replace(centre, evaluations=evaluations)


def pending_due(centre: TechnologyCentre) -> date | None:
    """The earliest deadline the centre waits on: the result of an open application (第十条), a warning's plan not
    filed (第十八条); None when nothing is pending."""
    dues = [centre.application.result_due] if centre.status is CentreStatus.APPLIED and centre.applications else []
    if centre.status is CentreStatus.CERTIFIED:
        dues += [e.rectification_plan_due for e in centre.evaluations
                 if e.warning and e.rectification_plan is None and e.rectification_plan_due is not None]
    return min(dues, default=None)


def _counts_as_marginal(evaluation: Evaluation) -> bool:
    return evaluation.grade is not Grade.FAIL and rules.is_marginal(evaluation.score)


def revoke(centre: TechnologyCentre, cause: Cause, on: date, detail: str = "") -> TechnologyCentre:
    """第十五条: revocation, and the bar of 第十六条 (2 years for causes 1–3, 3 years for 4–7)."""
    _must_be(centre, CentreStatus.CERTIFIED)
    if cause is Cause.APPLICATION_FRAUD:
        raise InvalidInput.on("cause", "fraud-is-an-application-decision", "fraud is decided on an application")
    until = rules.barred_until(cause, on)
    revocation = Revocation(cause=cause, on=on, detail=detail, barred_until=until)
    return replace(centre, status=CentreStatus.REVOKED, revocations=(*centre.revocations, revocation),
                   barred_until=until, bar_cause=cause)


def enterprise_terminated(centre: TechnologyCentre, on: date, forced: bool, reason: str) -> TechnologyCentre:
    """第十五条第4项 on `registry.employer.deregistered`: a certified centre is revoked; anything else unchanged."""
    if centre.status is not CentreStatus.CERTIFIED:
        return centre
    return revoke(centre, Cause.ENTERPRISE_TERMINATED, on, f"employer deregistered ({reason}, forced={forced})")


def report_change(centre: TechnologyCentre, kind: str, effective_on: date, reported_on: date,
                  new_name: str | None) -> TechnologyCentre:
    """第十九条: renaming or reorganisation reported within 30 working days (a later report is marked late)."""
    _must_be(centre, CentreStatus.CERTIFIED)
    if reported_on < effective_on:
        raise InvalidInput.on("reported_on", "report-after-change", f"the change took effect on {effective_on}")
    due = rules.change_report_due(effective_on)
    report = ChangeReport(kind=kind, effective_on=effective_on, reported_on=reported_on, due=due,
                          late=reported_on > due, new_name=new_name)
    update: dict = {"changes": (*centre.changes, report)}
    if kind == "rename" and new_name:
        update["enterprise_name"] = new_name
    return replace(centre, **update)


def _must_be(centre: TechnologyCentre, status: CentreStatus) -> None:
    if centre.status is not status:
        raise wrong_status("technology-centre", centre.status.value, status.value,
                           f"technology centre {centre.id} is {centre.status.value}, not {status.value}")
