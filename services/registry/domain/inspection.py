"""Annual inspection (年检, 第十八–二十条) and the lapse of certificates not inspected (未经年检,证件自行失效)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from services.registry.domain import certificate as certificates
from services.registry.domain.certificate import CertificateStatus
from services.registry.domain.model import Employer, EmployerStatus, InsuranceFacts, Inspection
from services.registry.domain.units import INSPECTION_DOCUMENTS, missing_documents
from services.registry.domain.problems import conflict, wrong_status
from shared.errors import InvalidInput, ProblemCollector
from shared.events import Event
from shared.events.insurance import MonthClosed
from shared.events.registry import CertificateLapsed, CertificateRestored

ARTICLE_INSURED = "第十九条第2项"
"""参加险种、参保人数及变更情况: the insurance types and the insured headcount."""
ARTICLE_CONTRIBUTIONS = "第十九条第3项"
"""申报缴费工资、缴纳社会保险费情况: the declared wage base and the contributions paid."""
INSURANCE_TYPES = ("pension", "unemployment", "work_injury", "maternity")
DEFAULT_DEADLINE = (12, 31)
"""The regulation says "every year" without a date: inspection of year Y is due by 31 Dec of Y (configurable)."""


@dataclass(frozen=True)
class Declaration:
    """What the unit declares on the inspection form (年检表)."""

    insurance_types: tuple[str, ...]
    insured_headcount: int
    wage_base_total: str
    documents: tuple[str, ...]
    contributions_paid: str | None = None  # yuan paid for the inspected year's months (申报缴费工资、缴纳社会保险费情况)


def inspection_deadline(year: int, month_day: tuple[int, int] = DEFAULT_DEADLINE) -> date:
    return date(year, *month_day)


def is_due(employer: Employer, year: int) -> bool:
    """Units registered before year Y are inspected for Y; a unit registered during Y starts the year after."""
    return employer.registered_on is not None and employer.registered_on.year < year


def inspect(employer: Employer, year: int, declaration: Declaration, today: date
            ) -> tuple[Employer, list[CertificateRestored]]:
    """第十九条: check the declaration against what insurance reports; pass → the certificate is stamped (第二十条).

    A certificate that lapsed for not being inspected (第十八条, 未经年检,证件自行失效) is inspected late for the year
    it lapsed for; passing restores it (`registry.certificate.restored`). The regulation is silent on a late
    inspection: an officer expects the unit to be able to make good the missed year rather than re-register, and
    the number never changes (第十五条)."""
    _require_inspectable(employer, year, today)
    wage_base, paid = _check_declaration(declaration)
    inconsistencies(declaration, wage_base, paid, employer.insurance, year).raise_if_any(
        "The declaration does not match the insurance records")
    restores = employer.certificate.status == CertificateStatus.LAPSED
    inspection = Inspection(year=year, inspected_on=today, insurance_types=tuple(sorted(declaration.insurance_types)),
                            insured_headcount=declaration.insured_headcount, wage_base_total=f"{wage_base:.2f}",
                            contributions_paid=None if paid is None else f"{paid:.2f}", restored_certificate=restores)
    inspected = replace(employer, inspections=(*employer.inspections, inspection))
    inspected = inspected.noted(today, "annual inspection passed: certificate stamped", year=year)
    if not restores:
        return inspected, []
    certificate = employer.certificate
    restored = replace(inspected, certificate=certificates.restore(certificate))
    event = CertificateRestored(employer_id=employer.id, uscc=employer.uscc, certificate_number=certificate.number,
                                year=year, restored_on=today, **employer.published_facts())
    return restored.noted(today, "certificate restored: inspected late", year=year), [event]


def inconsistencies(declaration: Declaration, wage_base: Decimal, paid: Decimal | None, facts: InsuranceFacts,
                    year: int) -> ProblemCollector:
    """第十九条第2、3项: each declared fact against registry's projection of insurance's facts (only the facts it
    has): insured headcount and insurance types of the newest closed month, its wage base total, and the
    contributions paid for the inspected year's closed months."""
    problems = ProblemCollector()
    if facts.arrears_outstanding:
        problems.add("insured", "contributions-outstanding",
                     f"insurance reports {facts.arrears.total} yuan unpaid as of {facts.arrears.as_of}",
                     article=ARTICLE_CONTRIBUTIONS)
    if facts.insured_headcount is not None and facts.insured_headcount != declaration.insured_headcount:
        problems.add("insured_headcount", "matches-insurance",
                     f"insurance has {facts.insured_headcount} insured (month {facts.headcount_period} closed), "
                     f"declared {declaration.insured_headcount}", article=ARTICLE_INSURED,
                     expected=str(facts.insured_headcount), observed=str(declaration.insured_headcount))
    if facts.wage_base_total is not None and Decimal(facts.wage_base_total) != wage_base:
        problems.add("wage_base_total", "matches-insurance",
                     f"insurance has a wage base of {facts.wage_base_total} (month {facts.headcount_period} closed), "
                     f"declared {wage_base:.2f}", article=ARTICLE_CONTRIBUTIONS,
                     expected=facts.wage_base_total, observed=f"{wage_base:.2f}")
    if facts.insurance_types is not None and set(facts.insurance_types) != set(declaration.insurance_types):
        recorded = ", ".join(sorted(facts.insurance_types)) or "none"
        problems.add("insurance_types", "matches-insurance", f"insurance has {recorded}", article=ARTICLE_INSURED,
                     expected=recorded, observed=", ".join(sorted(declaration.insurance_types)) or "none")
    _check_paid(facts.paid_in(year), paid, year, problems)
    return problems


def _check_paid(recorded: str | None, declared: Decimal | None, year: int, problems: ProblemCollector) -> None:
    """第十九条第3项 (缴纳社会保险费情况): once insurance has closed months of the year, the form states what was paid
    for them, and it is what insurance recorded."""
    if recorded is None:
        return
    if declared is None:
        problems.add("contributions_paid", "contributions-paid-declared",
                     f"insurance recorded {recorded} yuan paid for {year}: the form must state what was paid",
                     article=ARTICLE_CONTRIBUTIONS, expected=recorded)
    elif Decimal(recorded) != declared:
        problems.add("contributions_paid", "matches-insurance",
                     f"insurance recorded {recorded} yuan paid for the closed months of {year}, declared "
                     f"{declared:.2f}", article=ARTICLE_CONTRIBUTIONS, expected=recorded, observed=f"{declared:.2f}")


def on_month_closed(employer: Employer, event: MonthClosed) -> tuple[Employer, list[Event]]:
    """Insurance closed a contribution month: its headcount, wage base total and insurance types become the facts
    the next inspection is checked against (an older month arriving late never overwrites a newer one; a month
    without wage base or types leaves the known ones), and what was paid for the month is kept by month (a month
    closed again replaces its own figure, so redelivery and re-closing never double-count)."""
    facts = replace(employer.insurance, paid_by_period={**employer.insurance.paid_by_period, event.period: event.paid})
    if facts.headcount_period is None or event.period >= facts.headcount_period:
        facts = replace(facts, insured_headcount=event.headcount, headcount_period=event.period,
                        wage_base_total=event.wage_base_total or facts.wage_base_total,
                        insurance_types=(facts.insurance_types if event.insurance_types is None
                                         else tuple(sorted(event.insurance_types))))
    return replace(employer, insurance=facts), []


def lapse(employer: Employer, year: int, as_of: date, deadline: date) -> tuple[Employer, list[CertificateLapsed]]:
    """A certificate due for year Y and not inspected by the deadline lapses; anything else is left alone."""
    certificate = employer.certificate
    if (certificate is None or certificate.status != CertificateStatus.VALID or not is_due(employer, year)
            or year in employer.inspected_years or as_of <= deadline):
        return employer, []
    lapsed = replace(employer, certificate=certificates.lapse(certificate, year))
    event = CertificateLapsed(employer_id=employer.id, uscc=employer.uscc, certificate_number=certificate.number,
                              year=year, lapsed_on=as_of, **employer.published_facts())
    return lapsed.noted(as_of, "certificate lapsed: not inspected", year=year), [event]


def check_lapse_run(year: int, as_of: date, deadline: date, today: date) -> None:
    """The ops run needs an explicit date after the year's deadline, and not in the future."""
    problems = ProblemCollector()
    if as_of > today:
        problems.add("as_of", "not-in-future", "the lapse date is in the future")
    if as_of <= deadline:
        problems.add("as_of", "after-deadline", f"the inspection deadline for {year} is {deadline}; nothing lapses "
                     "on or before it")
    problems.raise_if_any("Certificates cannot lapse on that date")


def _require_inspectable(employer: Employer, year: int, today: date) -> None:
    if year > today.year:
        raise InvalidInput.on("year", "not-in-future", f"{year} has not begun")
    if employer.status != EmployerStatus.REGISTERED:
        raise wrong_status("employer", employer.status.value, EmployerStatus.REGISTERED.value,
                           f"a unit in status {employer.status.value} is not inspected")
    if not is_due(employer, year):
        raise InvalidInput.on("year", "after-registration", f"the unit was registered on {employer.registered_on}; "
                              f"its first inspection is for {employer.registered_on.year + 1}")
    if year in employer.inspected_years:
        raise conflict(f"the {year} inspection was already done", "one-inspection-a-year", field="year", year=year)
    certificate = employer.certificate
    if certificate.status == CertificateStatus.LAPSED and year != certificate.lapsed_year:
        raise conflict(f"the certificate lapsed for {certificate.lapsed_year}: that year is inspected first",
                       "lapsed-year-first", field="year", article="第十八条", lapsed_year=certificate.lapsed_year)
    if certificate.status not in (CertificateStatus.VALID, CertificateStatus.LAPSED):
        raise conflict(f"the certificate is {certificate.status.value}", "certificate-valid", article="第十八条",
                       certificate_status=certificate.status.value)


def _check_declaration(declaration: Declaration) -> tuple[Decimal, Decimal | None]:
    problems = ProblemCollector()
    for document in missing_documents(INSPECTION_DOCUMENTS, list(declaration.documents)):
        problems.add("documents", "required-document", f"missing document: {document.value}")
    for kind in declaration.insurance_types:
        if kind not in INSURANCE_TYPES:
            problems.add("insurance_types", "insurance-type", f"{kind!r} is not one of {', '.join(INSURANCE_TYPES)}")
    if declaration.insured_headcount < 0:
        problems.add("insured_headcount", "not-negative", "the headcount cannot be negative")
    wage_base = _money(declaration.wage_base_total, problems, "wage_base_total")
    paid = (None if declaration.contributions_paid is None
            else _money(declaration.contributions_paid, problems, "contributions_paid"))
    if declaration.insured_headcount > 0 and not declaration.insurance_types:
        problems.add("insurance_types", "required-with-insured", "insured people need at least one insurance type")
    if declaration.insured_headcount > 0 and wage_base is not None and wage_base <= 0:
        problems.add("wage_base_total", "positive-with-insured", "insured people need a wage base above 0")
    problems.raise_if_any("The inspection form is incomplete")
    return wage_base, paid


def _money(text: str, problems: ProblemCollector, field: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        problems.add(field, "yuan-2-decimals", "a non-negative amount in yuan with at most 2 decimals")
        return None
    return value
