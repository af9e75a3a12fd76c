"""第二十四、二十五条: an inspection checks every food-safety duty; each one not met is a finding naming its rule and
article; periodic sampling is read from the results recorded in the 30 days up to the inspection."""
import dataclasses
from datetime import date

import pytest

from services.markets.domain import food_safety as rules
from services.markets.domain.food_safety import OBSERVED, SampleTesting
from services.markets.domain.market import Sample, Status
from shared.errors import Conflict, InvalidInput
from tests.services.markets.domain.factories import filed, operating

DAY = date(2026, 9, 1)
ALL_MET = {duty: True for duty in OBSERVED}
OWN = SampleTesting("own_equipment")


def sampled(*samples):
    return dataclasses.replace(operating(), samples=tuple(samples))


def sample(on, passed=True, product="菠菜"):
    return Sample(on, product, passed, "场内检测室")


def inspect(market, observed=ALL_MET, testing=OWN, on=DAY):
    return rules.inspect("fsi-1", market, on, "officer-7", observed, testing, "", DAY)


def findings(record):
    return [(f.duty, f.rule, f.article) for f in record.findings]


def test_every_duty_met_with_a_sample_in_the_period_is_compliant():
    record = inspect(sampled(sample(date(2026, 8, 20))))
    assert record.outcome == "compliant" and record.findings == () and record.last_sampled_on == date(2026, 8, 20)


def test_each_duty_not_met_is_a_finding_naming_its_rule_and_article_in_the_regulations_order():
    observed = ALL_MET | {"results_displayed": False, "incoming_inspection": False, "withdrawal": False}
    record = inspect(sampled(sample(date(2026, 8, 20), passed=False, product="韭菜")), observed)
    assert record.outcome == "deficient"
    assert findings(record) == [("incoming_inspection", "incoming-inspection", "第二十四条"),
                                ("withdrawal", "withdrawal-of-non-compliant-food", "第二十四条"),
                                ("results_displayed", "sampling-results-displayed", "第二十五条")]
    assert record.failed_products == ("韭菜",) and "韭菜" in record.findings[1].message


@pytest.mark.parametrize("sampled_on, met", [(date(2026, 8, 3), True), (date(2026, 8, 2), False),
                                             (DAY, True), (date(2026, 9, 2), False)])
def test_periodic_sampling_needs_a_result_in_the_30_days_up_to_the_inspection(sampled_on, met):
    record = inspect(sampled(sample(sampled_on)))
    assert findings(record) == ([] if met else [("periodic_sampling", "periodic-sampling", "第二十五条")])


@pytest.mark.parametrize("testing, met", [
    (SampleTesting("own_equipment"), True), (SampleTesting("accredited_lab", "北京市食品检测中心", "CMA 2019001"), True),
    (SampleTesting("accredited_lab", "北京市食品检测中心"), False), (SampleTesting("none"), False)])
def test_testing_needs_own_equipment_or_a_named_accredited_lab(testing, met):
    record = inspect(sampled(sample(date(2026, 8, 20))), testing=testing)
    assert findings(record) == ([] if met else [("testing", "testing-equipment-or-accredited-lab", "第二十五条")])


def test_only_an_operating_market_is_inspected_and_not_before_it_opened_nor_after_today():
    with pytest.raises(Conflict) as planned:
        inspect(filed())
    assert planned.value.errors[0].rule == "market-operating"
    with pytest.raises(Conflict):
        inspect(dataclasses.replace(operating(), status=Status.SUSPENDED))
    with pytest.raises(InvalidInput) as early:
        inspect(operating(), on=date(2019, 12, 31))  # opened 2020-01-01
    assert [(p.rule, p.article) for p in early.value.errors] == [("not-before-opening", "第二十四条")]
    with pytest.raises(InvalidInput) as future:
        rules.inspect("x", operating(), date(2026, 9, 2), "o", ALL_MET, OWN, "", DAY)
    assert future.value.errors[0].rule == "date-in-future"
