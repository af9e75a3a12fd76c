"""Food-safety duties of a market's operator (食品安全管理制度, 第二十四、二十五条) and the officer's inspection
record that checks each of them.

第二十四条: incoming inspection (进货查验), certificate and ticket retention (索证索票), the purchase-sales ledger
(购销登记), withdrawal of non-compliant food (不合格食品退市). 第二十五条: testing equipment of its own or an
accredited testing body (专门的检测设备或者委托有法定资质的检测机构), periodic sampling (定期抽检) and the results
displayed in the market (抽检结果场内公示). An inspection answers every duty; each duty not met is a finding naming
its rule and article. Where the regulation is silent, the choices an inspecting officer expects:
- periodic sampling is judged from the sampling results recorded here (the ones shown publicly): at least one in the
  `SAMPLING_PERIOD_DAYS` (30) days up to the inspection — 第二十五条 says 定期 without a period, and a month is the
  interval the displayed results let an officer check;
- an accredited lab is named (its name and accreditation number), or the finding says which is missing;
- only an operating market is inspected (the duties are the operating unit's, 菜市场经营单位), not before it opened.
The regulation fines none of these duties (第三十二至三十五条 do not name them): a finding is the record the officer
orders correction from, not a case. No I/O here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from services.markets.domain.market import Market, Sample, Status
from shared.errors import Conflict, ProblemCollector, refusal

SAMPLING_PERIOD_DAYS = 30
TestingMeans = Literal["own_equipment", "accredited_lab", "none"]


@dataclass(frozen=True)
class Duty:
    rule: str
    article: str
    term: str


DUTIES: dict[str, Duty] = {
    "incoming_inspection": Duty("incoming-inspection", "第二十四条", "进货查验"),
    "certificate_retention": Duty("certificate-and-ticket-retention", "第二十四条", "索证索票"),
    "purchase_sales_ledger": Duty("purchase-sales-ledger", "第二十四条", "购销登记"),
    "withdrawal": Duty("withdrawal-of-non-compliant-food", "第二十四条", "不合格食品退市"),
    "testing": Duty("testing-equipment-or-accredited-lab", "第二十五条", "检测设备或有法定资质的检测机构"),
    "periodic_sampling": Duty("periodic-sampling", "第二十五条", "定期抽检"),
    "results_displayed": Duty("sampling-results-displayed", "第二十五条", "抽检结果场内公示"),
}
OBSERVED = ("incoming_inspection", "certificate_retention", "purchase_sales_ledger", "withdrawal",
            "results_displayed")
"""The duties the officer answers on site; testing is described, periodic sampling is read from the records."""


@dataclass(frozen=True)
class SampleTesting:
    means: TestingMeans
    lab: str | None = None
    accreditation: str | None = None  # the lab's accreditation (CMA/CNAS) number


@dataclass(frozen=True)
class Finding:
    duty: str
    rule: str
    article: str
    message: str


@dataclass(frozen=True)
class FoodSafetyInspection:
    id: str
    market_id: str
    district_code: str
    inspected_on: date
    inspector: str
    observed: dict[str, bool]
    testing: SampleTesting
    last_sampled_on: date | None
    failed_products: tuple[str, ...]  # products failing a sample in the period, which had to be withdrawn
    findings: tuple[Finding, ...]
    notes: str = ""

    @property
    def outcome(self) -> str:
        return "deficient" if self.findings else "compliant"


def inspect(inspection_id: str, market: Market, inspected_on: date, inspector: str, observed: dict[str, bool],
            testing: SampleTesting, notes: str, today: date) -> FoodSafetyInspection:
    """The inspection record: every duty checked, each one not met a finding (rule + article)."""
    _inspectable(market, inspected_on, today)
    period = sample_window(market.samples, inspected_on)
    last = max((s.sampled_on for s in market.samples if s.sampled_on <= inspected_on), default=None)
    failed = tuple(sorted({s.product for s in period if not s.passed}))
    findings = [_finding(duty, _observed_message(duty, failed)) for duty in OBSERVED if not observed[duty]]
    findings += testing_findings(testing)
    if not period:
        findings.append(_finding("periodic_sampling", f"no sampling result recorded in the {SAMPLING_PERIOD_DAYS} "
                                 f"days up to {inspected_on} (last: {last or 'never'})"))
    order = list(DUTIES)
    return FoodSafetyInspection(inspection_id, market.id, market.district_code, inspected_on, inspector,
                                {d: observed[d] for d in OBSERVED}, testing, last, failed,
                                tuple(sorted(findings, key=lambda f: order.index(f.duty))), notes.strip())


def testing_findings(testing: SampleTesting) -> list[Finding]:
    """第二十五条: own testing equipment, or an accredited lab named with its accreditation."""
    if testing.means == "none":
        return [_finding("testing", "neither testing equipment of its own nor an accredited testing body")]
    if testing.means == "accredited_lab" and not (testing.lab and testing.accreditation):
        return [_finding("testing", "the testing body is not named with its accreditation number")]
    return []


def _observed_message(duty: str, failed: tuple[str, ...]) -> str:
    extra = f" (failed samples in the period: {', '.join(failed)})" if duty == "withdrawal" and failed else ""
    return f"{DUTIES[duty].term}: not in place{extra}"


def _finding(duty: str, message: str) -> Finding:
    d = DUTIES[duty]
    return Finding(duty, d.rule, d.article, message)


def _inspectable(market: Market, inspected_on: date, today: date) -> None:
    if market.status is not Status.OPERATING:
        message = f"market {market.id} is {market.status.value}: the food-safety duties are an operating market's"
        raise Conflict(message, errors=[refusal("", "market-operating", message, "第二十四条",
                                                status_now=market.status.value)])
    problems = ProblemCollector()
    if inspected_on > today:
        problems.add("on", "date-in-future", f"the inspection date {inspected_on} is after today {today}")
    opened = market.on("opened")
    if opened is not None and inspected_on < opened:
        problems.add("on", "not-before-opening", f"the inspection on {inspected_on} is before the market opened on "
                     f"{opened}", "第二十四条", opened_on=opened.isoformat())
    problems.raise_if_any("The inspection cannot be recorded")


def sample_window(samples: tuple[Sample, ...], on: date) -> tuple[Sample, ...]:
    """The samples of the period an inspection on `on` looks at."""
    return tuple(s for s in samples if on - timedelta(days=SAMPLING_PERIOD_DAYS) < s.sampled_on <= on)
