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
