"""Compliance rules (菜市场运营规范) and the fines of 第三十二至三十五条, as ranges in yuan."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.markets.domain.market import MARKET_USE, Areas, Case, Market
from shared.errors import Conflict, DomainError, InvalidInput, NotFound, ProblemCollector, refusal

VEGETABLE_SHARE_MIN = Decimal("0.5")  # 蔬菜经营面积不低于经营面积的1/2
DIRECT_SUPPLY_SHARE_MIN = Decimal("0.5")  # 直营直供面积不低于蔬菜经营面积的50%


@dataclass(frozen=True)
class FineTier:
    article: str
    low: Decimal
    high: Decimal
    refused_low: Decimal | None = None  # 拒不改正的 range, where the article has one
    refused_high: Decimal | None = None


def _y(n: int) -> Decimal:
    return Decimal(n).quantize(Decimal("0.01"))


FINES: dict[str, FineTier] = {
    "late_ownership_transfer": FineTier("第三十二条", _y(30_000), _y(100_000)),
    "late_filing": FineTier("第三十三条(一)", _y(1_000), _y(5_000), _y(5_000), _y(30_000)),
    "late_opening": FineTier("第三十三条(二)", _y(1_000), _y(5_000), _y(5_000), _y(30_000)),
    "change_of_use": FineTier("第三十四条(一)", _y(10_000), _y(30_000), _y(30_000), _y(100_000)),
    "reduced_vegetable_area": FineTier("第三十四条(一)", _y(10_000), _y(30_000), _y(30_000), _y(100_000)),
    "unapproved_sublet": FineTier("第三十四条(二)", _y(10_000), _y(30_000), _y(30_000), _y(100_000)),
    "unapproved_suspension": FineTier("第三十四条(二)", _y(10_000), _y(30_000), _y(30_000), _y(100_000)),
    "unapproved_merger": FineTier("第三十四条(二)", _y(10_000), _y(30_000), _y(30_000), _y(100_000)),
    "unapproved_closure": FineTier("第三十四条(二)", _y(10_000), _y(30_000), _y(30_000), _y(100_000)),
    "unapproved_demolition": FineTier("第三十五条", _y(30_000), _y(100_000)),
    "unapproved_relocation": FineTier("第三十五条", _y(30_000), _y(100_000)),
    "unapproved_rebuilding": FineTier("第三十五条", _y(30_000), _y(100_000)),
}


class FineOutOfRange(DomainError):
    status = 422
    code = "fine-out-of-range"
    title = "The fine lies outside the range the regulation allows"


def area_problems(areas: Areas, prefix: str = "areas") -> ProblemCollector:
    """蔬菜经营面积 ≥ 1/2 of 经营面积; where 直营直供 is adopted, ≥ 50 % of the vegetable area."""
    problems = ProblemCollector()
    if areas.vegetable > areas.business:
        problems.add(f"{prefix}.vegetable", "within-business-area", "the vegetable area exceeds the business area")
    if areas.vegetable < areas.business * VEGETABLE_SHARE_MIN:
        problems.add(f"{prefix}.vegetable", "vegetable-area-at-least-half",
                     f"the vegetable area {areas.vegetable} m² is less than 1/2 of the business area {areas.business} m²")
    if areas.direct_supply_adopted and areas.direct_supply < areas.vegetable * DIRECT_SUPPLY_SHARE_MIN:
        problems.add(f"{prefix}.direct_supply", "direct-supply-at-least-50-percent",
                     f"direct supply {areas.direct_supply} m² is less than 50 % of the vegetable area")
    return problems


SUPERVISION: dict[str, str] = {"late_tender": "第十三条第二款"}
"""Overdue duties of an authority itself (公益性招标 within 60 days of the transfer): the regulation sets no fine,
so the case has no fine range; it is the city's supervision (督办) of the district, resolved when the step is taken."""


class CaseWithoutFine(Conflict):
    code = "case-without-fine"
    title = "The case carries no fine"


def open_case(market: Market, kind: str, on: date, **facts) -> Market:
    """A new case of `kind` against the market, with the regulation's base fine range (none for a supervision
    case); `facts` are the case's other fields (rule, party, act_on, due_on, …)."""
    if kind in FINES:
        tier = FINES[kind]
        article, low, high = tier.article, tier.low, tier.high
    else:
        article, low, high = SUPERVISION[kind], None, None
    case = Case(len(market.cases) + 1, kind, article, on, low, high, **facts)
    return dataclasses.replace(market, cases=market.cases + (case,))


def case_for_deadline(market: Market, kind: str, due_on: date) -> Case | None:
    """The case already opened for this statutory deadline (one deadline, one case)."""
    return next((c for c in market.cases if c.kind == kind and c.due_on == due_on), None)


def open_case_once(market: Market, kind: str, on: date, *, due_on: date, act_on: date | None = None,
                   **facts) -> Market:
    """A case for a deadline passed, opened once per deadline: by the overdue-case job when the day passes, or by
    the late record of the step, whichever comes first. The late record of an already opened case only adds the
    act's date to it."""
    existing = case_for_deadline(market, kind, due_on)
    if existing is None:
        return open_case(market, kind, on, due_on=due_on, act_on=act_on, **facts)
    if act_on is None or existing.act_on is not None:
        return market
    return _replace_case(market, dataclasses.replace(existing, act_on=act_on))


def resolve_supervision(market: Market, kind: str, due_on: date, on: date) -> Market:
    """The overdue step is taken: its open supervision case is resolved on that day (nothing if none was open)."""
    existing = case_for_deadline(market, kind, due_on)
    if existing is None or existing.status != "open":
        return market
    return _replace_case(market, dataclasses.replace(existing, status="resolved", resolved_on=on, act_on=on))


INSPECTION_RULES = {"change_of_use": "no-change-of-use", "reduced_vegetable_area": "no-reduction-of-vegetable-area"}


def inspection_findings(market: Market, observed: Areas, use: str) -> list[str]:
    """Case kinds an inspection's observed figures prove: change of use, reduced vegetable area (第二十条)."""
    kinds = []
    if use != MARKET_USE:
        kinds.append("change_of_use")
    shrunk = observed.vegetable < market.areas.vegetable
    below_half = observed.vegetable < observed.business * VEGETABLE_SHARE_MIN
    if shrunk or below_half:
        kinds.append("reduced_vegetable_area")
    return kinds


def inspect(market: Market, observed: Areas, use: str, on: date) -> Market:
    """Record what the inspection saw; every violation opens a case."""
    kinds = inspection_findings(market, observed, use)
    updated = dataclasses.replace(market, areas=observed, use=use)
    for kind in kinds:
        updated = open_case(updated, kind, on, rule=INSPECTION_RULES[kind], party=market.operator)
    return updated


def _case(market: Market, number: int) -> Case:
    for case in market.cases:
        if case.number == number:
            return case
    message = f"market {market.id} has no case {number}"
    raise NotFound(message, errors=[refusal("case_number", "unknown-case", message)])


def _fined_case(market: Market, number: int) -> Case:
    """A case that carries a fine: a supervision case refuses a refusal or a fine (409, naming its article)."""
    case = _case(market, number)
    if case.low is None or case.high is None:
        message = f"case {number} ({case.kind}) is a supervision case: {case.article} sets no fine"
        raise CaseWithoutFine(message, errors=[refusal("case_number", "case-carries-a-fine", message,
                                                       article=case.article)])
    return case


def _replace_case(market: Market, case: Case) -> Market:
    return dataclasses.replace(market, cases=tuple(case if c.number == case.number else c for c in market.cases))


def refuse_correction(market: Market, number: int) -> Market:
    """拒不改正: the case moves to the article's higher range (where it has one)."""
    case = _fined_case(market, number)
    tier = FINES[case.kind]
    if case.status != "open":
        raise InvalidInput.on("case_number", "case-open", f"case {number} is {case.status}")
    if tier.refused_low is None:
        raise InvalidInput.on("case_number", "no-higher-range", f"{tier.article} has no higher range for a refusal")
    return _replace_case(market, dataclasses.replace(case, refused=True, low=tier.refused_low,
                                                     high=tier.refused_high))


def impose_fine(market: Market, number: int, amount: Decimal, officer: str) -> Market:
    """The officer's fine must lie inside the case's current range (inclusive, 2 decimal places)."""
    case = _fined_case(market, number)
    if case.status != "open":
        raise InvalidInput.on("case_number", "case-open", f"case {number} is {case.status}")
    if amount != amount.quantize(Decimal("0.01")) or not case.low <= amount <= case.high:
        message = f"{case.article}: the fine must lie between {case.low} and {case.high} yuan"
        raise FineOutOfRange(message, errors=[refusal("amount", "fine-within-case-range", message,
                                                      article=case.article, low=str(case.low), high=str(case.high))])
    fine = amount.quantize(Decimal("0.01"))
    return _replace_case(market, dataclasses.replace(case, fine=fine, fined_by=officer, status="fined"))
