"""The deadline watcher on an explicit date."""
from datetime import date

from services.markets.domain import lifecycle
from services.markets.domain.deadlines import breaches
from tests.services.markets.domain.factories import filed, planned


def rules_on(market, on):
    return [(b.rule, b.days_overdue) for b in breaches(market, on)]


def test_regulator_not_notified_10_days_after_acceptance_is_a_breach_from_day_11():
    accepted = lifecycle.accept(lifecycle.build(planned(), date(2026, 2, 1)), date(2026, 2, 10))
    assert rules_on(accepted, date(2026, 2, 20)) == []
    assert rules_on(accepted, date(2026, 2, 21)) == [("notify-regulator-within-10-days", 1)]
    assert rules_on(lifecycle.notify_regulator(accepted, date(2026, 2, 25)), date(2026, 3, 1)) == []


def test_ownership_not_transferred_60_days_after_signing():
    accepted = lifecycle.notify_regulator(
        lifecycle.accept(lifecycle.build(planned(), date(2026, 2, 1)), date(2026, 2, 10)), date(2026, 2, 11))
    signed = lifecycle.sign_agreement(accepted, date(2026, 3, 1), None)
    assert rules_on(signed, date(2026, 4, 30)) == []  # day 60
    assert rules_on(signed, date(2026, 5, 2)) == [("transfer-ownership-within-60-days", 2)]


def test_market_not_open_60_days_after_filing():
    m = lifecycle.notify_regulator(filed(date(2026, 6, 1)), date(2026, 6, 1))
    assert rules_on(m, date(2026, 7, 31)) == []
    assert rules_on(m, date(2026, 8, 1)) == [("open-within-60-days-of-filing", 1)]


# 分期建设: the market of a phased project is built before 50 % of the housing is completed.
def progress(percent, half_done_on=date(2026, 6, 1), phased=True):
    from decimal import Decimal

    from services.markets.domain.deadlines import HousingProgress
    return HousingProgress("area-1", phased, Decimal(percent), half_done_on)


def test_a_planned_market_is_in_breach_once_half_of_the_phased_housing_is_completed():
    assert rules_on(planned(), date(2026, 6, 11)) == []
    assert [(b.rule, b.started_on, b.days_overdue) for b in breaches(planned(), date(2026, 6, 11), progress("50"))] \
        == [("market-before-half-of-housing", date(2026, 6, 1), 10)]


def test_49_99_percent_of_the_housing_is_not_yet_a_breach():
    assert breaches(planned(), date(2026, 6, 11), progress("49.99", half_done_on=None)) == []


def test_a_built_market_or_a_project_not_phased_is_no_breach():
    built = lifecycle.build(planned(), date(2026, 5, 1))
    assert breaches(built, date(2026, 6, 11), progress("80")) == []
    assert breaches(planned(), date(2026, 6, 11), progress("80", phased=False)) == []


def test_the_breach_starts_on_the_decision_date_that_reported_half_done():
    assert breaches(planned(), date(2026, 5, 31), progress("50")) == []
    assert [b.days_overdue for b in breaches(planned(), date(2026, 6, 1), progress("50"))] == [0]
