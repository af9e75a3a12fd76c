"""Enterprise technology centre rules (北京市认定企业技术中心管理办法): thresholds, exclusions, grading, bars.

Pure functions; the aggregate is in technology_centre_record.py. Money in yuan as Decimal.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from services.registry.domain.deadlines import add_working_days
from shared.errors import Conflict, DomainError, FieldProblem, InvalidInput, ProblemCollector, refusal

APPLY_BY = (4, 30)
"""第五条: applications until the end of April (受理申请认定截止日期为当年的4月底); 第十二条: evaluation materials too."""

THRESHOLDS = {
    "main_revenue": Decimal("150000000"),        # 年主营业务收入1.5亿元(含)以上
    "st_spending": Decimal("5000000"),           # 科技活动经费支出额500万元(含)以上
    "rd_staff": Decimal("50"),                   # 专职研究与试验发展人员数50人(含)以上
    "equipment_value": Decimal("5000000"),       # 技术开发仪器设备原值500万元(含)以上
}
"""第六条第1项; "特殊情况可适当放宽": an officer may relax them with a written reason."""

RUNNING_YEARS = 1             # 第五条: 已正常运行一年以上
EXCLUSION_YEARS = 2           # 第六条第7项: 截止日期起向前推算两年
RESULT_WORKING_DAYS = 90      # 第十条: 90个工作日之内发布
CHANGE_WORKING_DAYS = 30      # 第十九条: 更名、重组 reported within 30 working days
RECTIFICATION_WORKING_DAYS = 30
"""第十八条 责令企业提出整改方案 names no time: an officer expects the plan within 30 working days of the warning,
the time 第十九条 gives an enterprise to report a change (configurable here)."""
EXCELLENT, PASS = Decimal(90), Decimal(60)
MARGINAL_TOP = Decimal(65)    # 第十八条 / 第十五条第2项: scores in [60, 65]


class Violation(StrEnum):
    """第六条第7项 exclusions (also 第十五条第5、6项 causes of revocation)."""

    TAX_EVASION = "tax_evasion"                      # 逃避缴纳税款、骗取出口退税
    TAX_INVESTIGATION = "tax_investigation"          # 涉嫌涉税违法已被税务部门立案审查
    SMUGGLING = "smuggling"                          # 走私
    MAJOR_QUALITY_ACCIDENT = "major_quality_accident"  # 重大质量事故


class Grade(StrEnum):
    """第十三条: 优秀、合格、不合格."""

    EXCELLENT = "excellent"
    PASS = "pass"
    FAIL = "fail"


class Cause(StrEnum):
    """第十五条 causes of revocation, and 第十七条 fraud in an application."""

    EVALUATION_FAILED = "evaluation_failed"               # 1 评价为不合格
    TWO_MARGINAL_SCORES = "two_marginal_scores"           # 2 连续两次评价得分在65分至60分之间
    OWN_REQUEST = "own_request"                           # 3 企业自行要求撤销
    ENTERPRISE_TERMINATED = "enterprise_terminated"       # 4 企业被依法终止
    MAJOR_QUALITY_ACCIDENT = "major_quality_accident"     # 5 发生重大质量事故
    TAX_VIOLATION = "tax_violation"                       # 6 税收违法行为
    FALSE_MATERIALS = "false_materials"                   # 7 提供虚假评价材料
    APPLICATION_FRAUD = "application_fraud"               # 第十七条 申请弄虚作假


TWO_YEAR_CAUSES = {Cause.EVALUATION_FAILED, Cause.TWO_MARGINAL_SCORES, Cause.OWN_REQUEST}
"""第十六条: causes 1–3 bar a new application for two years; 4–7 (and 第十七条 fraud) for three."""


class Ineligible(DomainError):
    status = 422
    code = "technology-centre-ineligible"
    title = "The enterprise cannot apply for a technology centre"


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 Feb → 28 Feb)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: date, years: int) -> date:
    return years_before(day, -years)


def apply_by(year: int) -> date:
    return date(year, *APPLY_BY)


def result_due(year: int) -> date:
    """第十条: the result is published within 90 working days of the 30 April deadline."""
    return add_working_days(apply_by(year), RESULT_WORKING_DAYS)


def change_report_due(effective_on: date) -> date:
    """第十九条: renaming / reorganisation reported within 30 working days of completing the procedures."""
    return add_working_days(effective_on, CHANGE_WORKING_DAYS)


def rectification_plan_due(evaluated_on: date) -> date:
    """第十八条: the rectification plan after a first score in [60, 65], due 30 working days after the warning."""
    return add_working_days(evaluated_on, RECTIFICATION_WORKING_DAYS)


def threshold_shortfalls(figures: dict[str, Decimal]) -> list[FieldProblem]:
    """第六条第1项: each figure below its threshold, as a field problem naming the rule."""
    return [FieldProblem(f"figures.{name}", f"{name}-at-least-{minimum}", f"{figures[name]} < {minimum}")
            for name, minimum in THRESHOLDS.items() if Decimal(figures[name]) < minimum]


def excluded_by(violations: list[tuple[Violation, date]], deadline: date) -> list[FieldProblem]:
    """第六条第7项: a violation in the two years up to the deadline (the day two years before included) excludes."""
    since = years_before(deadline, EXCLUSION_YEARS)
    return [FieldProblem(f"violations.{i}", f"no-{kind.value}-within-2-years",
                         f"{kind.value} on {on} is within {since}..{deadline}")
            for i, (kind, on) in enumerate(violations) if since <= on <= deadline]


def check_eligibility(applied_on: date, centre_established_on: date, figures: dict[str, Decimal],
                      override_reason: str | None, violations: list[tuple[Violation, date]],
                      parent_certified: bool, certified_consolidated: list[str]) -> None:
    """第五、六、八条, every broken rule at once; the thresholds alone may be relaxed with a written reason."""
    problems = ProblemCollector()
    if applied_on > apply_by(applied_on.year):
        problems.add("applied_on", "apply-by-30-apr", f"applications close on {apply_by(applied_on.year)}")
    if centre_established_on > years_before(applied_on, RUNNING_YEARS):
        problems.add("centre_established_on", "running-at-least-1-year",
                     f"the centre must run since {years_before(applied_on, RUNNING_YEARS)} or earlier")
    if not (override_reason and override_reason.strip()):
        problems.problems.extend(threshold_shortfalls(figures))
    problems.problems.extend(excluded_by(violations, apply_by(applied_on.year)))
    if parent_certified:
        problems.add("parent_employer_id", "subsidiary-of-certified-parent",
                     "the controlling parent already has a certified centre")
    for i, sub in enumerate(certified_consolidated):
        problems.add(f"consolidated_subsidiaries.{i}", "no-consolidation-of-certified-subsidiary",
                     f"{sub} has a certified centre: its figures must not be consolidated")
    if problems.problems:
        raise Ineligible("The enterprise cannot apply: " + "; ".join(p.rule for p in problems.problems),
                         errors=problems.problems)


def materials_late(year: int, submitted_on: date | None, evaluated_on: date) -> bool:
    """第十三条第3项(2): materials more than one month after 30 April (not in by 30 May) → fail."""
    one_month_after = apply_by(year) + timedelta(days=30)
    return (submitted_on or evaluated_on) > one_month_after  # never submitted: late once the month has run


def grade(score: Decimal, late: bool) -> Grade:
    """第十三条: ≥ 90 excellent; 60 (included) to 90 pass; < 60 or materials a month late fail."""
    if late or score < PASS:
        return Grade.FAIL
    return Grade.EXCELLENT if score >= EXCELLENT else Grade.PASS


def is_marginal(score: Decimal) -> bool:
    """第十五条第2项 / 第十八条: a score in [60, 65], both included."""
    return PASS <= score <= MARGINAL_TOP


def bar_years(cause: Cause) -> int:
    return 2 if cause in TWO_YEAR_CAUSES else 3


def barred_until(cause: Cause, on: date) -> date:
    """第十六、十七条: the first day a new application is accepted again."""
    return years_after(on, bar_years(cause))


def check_not_barred(until: date | None, cause: Cause | None, applied_on: date) -> None:
    if until is not None and applied_on < until:
        rule = f"reapplication-bar-{bar_years(cause)}-years" if cause else "reapplication-bar"
        raise Conflict(f"barred from applying until {until} ({cause.value if cause else ''})",
                       errors=[refusal("applied_on", rule, f"no application before {until}",
                                       article="第十六条" if cause is not Cause.APPLICATION_FRAUD else "第十七条",
                                       barred_until=until.isoformat())])


APPLICANT_STATUSES = frozenset({"registered", "deregistration_pending", "deregistration_blocked"})
"""第五条: an independent legal person in Beijing, i.e. a unit registry has registered and not deregistered."""

BEIJING_PREFIX = "110"
"""第五条 北京地区: a Beijing administrative division code (110xxx, the retired 110103/110104 included)."""

NOT_INDEPENDENT_ENTERPRISES = frozenset({"public_institution", "social_organisation", "state_organ",
                                         "representative_office", "non_legal_person_branch"})
"""第五条 具有独立法人资格的企业: institutions, social organisations and state organs are no enterprises; a
representative office and a non-legal-person branch are no independent legal persons. A unit registered without
a type (an officer's direct registration) is taken as an enterprise: the counter checked its licence."""


def check_applicant(employer_id: str, status: str | None, district_code: str | None = None,
                    unit_type: str | None = None) -> None:
    """第五条: the enterprise applying is an employer registry has registered (`status` None: registry does not know
    it), in Beijing, and an independent legal person. The centre record is keyed by that employer's id, so its
    deregistration (`registry.employer.deregistered`) finds the centre (第十五条第4项)."""
    if status is None:
        raise InvalidInput.on("employer_id", "unknown-employer", f"registry has no employer {employer_id}")
    problems = ProblemCollector()
    if status not in APPLICANT_STATUSES:
        problems.add("employer_id", "employer-registered", f"employer {employer_id} is {status}, not a registered "
                     "unit", article="第五条", status_now=status)
    if district_code is not None and not district_code.startswith(BEIJING_PREFIX):
        problems.add("employer_id", "beijing-enterprise", f"employer {employer_id} is registered in district "
                     f"{district_code}, not in Beijing (110xxx)", article="第五条", district_code=district_code)
    if unit_type in NOT_INDEPENDENT_ENTERPRISES:
        problems.add("employer_id", "independent-legal-person-enterprise", f"employer {employer_id} is a "
                     f"{unit_type}, not an enterprise with independent legal personality", article="第五条",
                     unit_type=unit_type)
    problems.raise_if_any("The applicant is not a registered Beijing enterprise")
