"""Insurance's settings section: defaults are the digest's numbers; the environment changes them."""
from decimal import Decimal

from services.insurance.domain.rates import DEFAULT_CITY_AVERAGE_WAGE, CollectionPolicy
from services.insurance.settings import InsuranceSettings


def test_the_defaults_build_the_default_policy():
    assert InsuranceSettings().policy() == CollectionPolicy()


def test_a_year_without_a_figure_takes_the_stated_fallback_and_the_environment_sets_both(monkeypatch):
    assert CollectionPolicy().bounds_for(2026).floor == Decimal("7056.60")  # 60 % of 11 761.00
    assert CollectionPolicy().average_wage_of(2030) == DEFAULT_CITY_AVERAGE_WAGE
    monkeypatch.setenv("CIVIC_INSURANCE_FALLBACK_AVERAGE_WAGE", "10000.00")
    monkeypatch.setenv("CIVIC_INSURANCE_CITY_AVERAGE_WAGES", '{"2025": "12000.00"}')
    policy = InsuranceSettings().policy()
    assert (policy.bounds_for(2026).floor, policy.bounds_for(2027).floor) == (Decimal("7200.00"), Decimal("6000.00"))
