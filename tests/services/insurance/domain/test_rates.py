from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.rates import (
    DEFAULT_RATES, SPLIT_ORDER, BaseBounds, CollectionPolicy, RateTable, checked_table, rates_for_month, rates_on)
from services.insurance.domain.refusals import INSURANCE_TYPES
from shared.errors import InvalidInput


def test_bases_are_clamped_to_60_and_300_percent_of_the_city_average_wage():
    bounds = BaseBounds.of(Decimal("10000.00"))
    assert (bounds.floor, bounds.ceiling) == (Decimal("6000.00"), Decimal("30000.00"))
    assert bounds.clamp(Decimal("3000")) == Decimal("6000.00")
    assert bounds.clamp(Decimal("45000")) == Decimal("30000.00")
    assert bounds.clamp(Decimal("12345.675")) == Decimal("12345.68")


def test_the_bounds_of_a_base_year_come_from_the_previous_years_average_wage():
    policy = CollectionPolicy(city_average_wages={2025: Decimal("12000.00")})
    assert policy.bounds_for(2026).floor == Decimal("7200.00")


def test_a_rate_change_applies_from_its_date():
    later = RateTable(date(2027, 1, 1), {**DEFAULT_RATES.shares}, {1: Decimal("0.003")})
    assert rates_on([later], date(2026, 12, 31)) is DEFAULT_RATES
    assert rates_on([later], date(2027, 1, 1)) is later


def test_a_change_dated_mid_month_is_charged_from_the_next_month():
    later = RateTable(date(2026, 11, 15), {**DEFAULT_RATES.shares}, {1: Decimal("0.003")})
    assert rates_for_month([later], date(2026, 11, 1)) is DEFAULT_RATES
    assert rates_for_month([later], date(2026, 12, 1)) is later


def test_an_incomplete_or_impossible_table_names_every_broken_field():
    with pytest.raises(InvalidInput) as bad:
        checked_table(date(2027, 1, 1), {"pension": {"employer": Decimal("16"), "individual": Decimal("0.08")}},
                      {2: Decimal("0.004")})
    assert {p.field for p in bad.value.errors} == {
        "shares.unemployment", "shares.maternity", "work_injury_by_class.1", "shares.pension.employer"}


def test_the_fund_collects_the_four_types_of_article_4_and_a_table_naming_medical_is_refused():
    """Medical insurance, owed to community workers, is collected by the medical-insurance fund (InsuranceType's
    docstring): not a fifth line here, and not a 500 either."""
    assert [t.value for t in SPLIT_ORDER] == ["pension", "unemployment", "work_injury", "maternity"]
    four = {k.value: {"employer": s.employer, "individual": s.individual} for k, s in DEFAULT_RATES.shares.items()}
    with pytest.raises(InvalidInput) as medical:
        medical_shares = {"medical": {"employer": Decimal("0.10"), "individual": Decimal("0.02")}}
        checked_table(date(2027, 1, 1), four | medical_shares, {1: Decimal("0.002")})
    assert [(p.field, p.rule, p.article) for p in medical.value.errors] == [
        ("shares.medical", "insurance-type", INSURANCE_TYPES)]
    assert set(checked_table(date(2027, 1, 1), four, {1: Decimal("0.002")}).shares) == set(DEFAULT_RATES.shares)
