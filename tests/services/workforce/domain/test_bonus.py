"""奖金: pool 3 600 yuan × headcount a year, split by position and assessment; the shares sum to the pool."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from services.workforce.domain import records, worker as rules
from services.workforce.domain.bonus import bonus_pool, split_bonus, split_pool
from services.workforce.domain.policy import BonusWeights
from shared.errors import InvalidInput
from tests.services.workforce.factory import a_hire


def test_the_pool_is_3600_per_head():
    assert bonus_pool(7, Decimal("3600")) == Decimal("25200.00")


def test_a_split_that_does_not_divide_evenly_still_sums_to_the_pool():
    shares = split_pool(Decimal("10800.00"), {"a": Decimal("1"), "b": Decimal("1"), "c": Decimal("1.1")})
    assert sum(shares.values()) == Decimal("10800.00")
    assert shares["c"] > shares["a"] and abs(shares["a"] - shares["b"]) <= Decimal("0.01")


@given(st.lists(st.decimals(min_value=0, max_value=5, places=2), min_size=1, max_size=40))
def test_any_positive_weights_split_the_pool_exactly_to_the_fen(weights):
    if sum(weights) == 0:
        weights[0] = Decimal("1")
    pool = bonus_pool(len(weights), Decimal("3600"))
    shares = split_pool(pool, {f"w{i}": w for i, w in enumerate(weights)})
    assert sum(shares.values()) == pool
    assert all(s >= 0 and s == s.quantize(Decimal("0.01")) for s in shares.values())


def test_position_and_grade_set_the_shares():
    head, _ = rules.hire("head", a_hire(kind="elected", posts=("committee_director",)))
    staff, _ = rules.hire("staff", a_hire())
    weak, _ = rules.hire("weak", a_hire())
    head = records.record_assessment(head, 2021, "excellent", 100, 98, date(2022, 1, 5))
    staff = records.record_assessment(staff, 2021, "pass", 90, 90, date(2022, 1, 5))
    weak = records.record_assessment(weak, 2021, "fail", 40, 50, date(2022, 1, 5))
    pool, shares = split_bonus([head, staff, weak], 2021, BonusWeights())
    assert pool == Decimal("10800.00")  # 3 × 3 600
    # weights 1.2 × 1.2 = 1.44 and 1.0 × 1.0 = 1.0 (fail weighs 0): 10 800 × 1.44 / 2.44 = 6 373.770…,
    # 10 800 × 1 / 2.44 = 4 426.229… → rounded down 6 373.77 + 4 426.22, the left-over fen to the larger remainder.
    assert shares == {"head": Decimal("6373.77"), "staff": Decimal("4426.23"), "weak": Decimal("0.00")}


def test_only_workers_in_service_that_year_count():
    old, _ = rules.hire("old", a_hire(start_date=date(2015, 1, 1)))
    old, _ = rules.separate(old, rules.Separation(date(2019, 6, 30), "resignation"))
    new, _ = rules.hire("new", a_hire())
    pool, shares = split_bonus([old, new], 2021, BonusWeights())
    assert pool == Decimal("3600.00") and shares == {"new": Decimal("3600.00")}
    with pytest.raises(InvalidInput):
        split_bonus([old], 2021, BonusWeights())


def test_a_raised_per_head_amount_is_configurable():
    worker, _ = rules.hire("w", a_hire())
    pool, _ = split_bonus([worker], 2021, BonusWeights(per_head=Decimal("4200")))
    assert pool == Decimal("4200.00")
