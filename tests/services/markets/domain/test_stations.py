"""Convenience service stations: ≥ 500 m siting, operator 18–60 / 18–55, one-year agreement with deposit,
zero credit, daily reconciliation, and exit after a month without transactions or 3 months under 20."""
from datetime import date
from decimal import Decimal

import pytest

from services.markets.domain import stations
from services.markets.domain.stations import Applicant, InsufficientBalance
from shared.errors import InvalidInput
from shared.events.markets import StationExited

TODAY = date(2026, 11, 20)
MAN_36, WOMAN_36 = "110105199003070017", "110105199003070025"
MAN_60, WOMAN_55 = "110105196601010010", "110105197101010027"  # born 1966-01-01 / 1971-01-01
BOY_17 = "110105200901010011"


def applicant(resident_id=MAN_36, local=True, education="high_school"):
    return Applicant("王师傅", resident_id, local, education)


def station(start=date(2026, 1, 1), siting=(800.0, 1200.0)):
    return stations.open_station("st1", "和平里便民站", 116.41, 39.95, applicant(), start, Decimal("2000"), siting, TODAY)


def rules(problems):
    return {p.rule for p in problems.problems}


def test_a_station_needs_500_m_from_postal_outlets_and_existing_stations():
    with pytest.raises(InvalidInput) as refused:
        station(siting=(499.0, 1200.0))
    assert {e.rule for e in refused.value.errors} == {"500-m-from-postal-network"}
    assert station(siting=(500.0, 500.0)).status == "active"


def test_operator_age_18_to_60_for_men_and_18_to_55_for_women():
    assert rules(stations.applicant_problems(applicant(MAN_60), TODAY)) == set()  # 60 in 2026
    assert rules(stations.applicant_problems(applicant(MAN_60), date(2027, 1, 1))) == {"operator-age"}  # 61
    assert rules(stations.applicant_problems(applicant(WOMAN_55), TODAY)) == set()  # 55
    assert rules(stations.applicant_problems(applicant(WOMAN_55), date(2027, 1, 1))) == {"operator-age"}  # 56
    assert rules(stations.applicant_problems(applicant(BOY_17), TODAY)) == {"operator-age"}


def test_operator_needs_local_registration_and_high_school():
    problems = stations.applicant_problems(applicant(WOMAN_36, local=False, education="junior_high"), TODAY)
    assert rules(problems) == {"local-registration", "high-school-or-above"}


def test_the_agreement_runs_one_year_and_needs_a_deposit():
    assert station(start=date(2026, 3, 1)).agreement_end == date(2027, 2, 28)
    with pytest.raises(InvalidInput):
        stations.open_station("s", "n", 116.4, 39.9, applicant(), TODAY, Decimal("0"), (900.0, None), TODAY)


def test_zero_credit_a_transaction_larger_than_the_balance_is_refused():
    funded = stations.deposit_funds(station(), Decimal("100.00"), TODAY)
    assert stations.transact(funded, Decimal("100.00"), TODAY).balance == Decimal("0.00")
    with pytest.raises(InsufficientBalance):
        stations.transact(funded, Decimal("100.01"), TODAY)


def test_daily_reconciliation_reports_the_difference_and_starts_a_new_day():
    s = stations.transact(stations.deposit_funds(station(), Decimal("300"), TODAY), Decimal("120.50"), TODAY)
    s = stations.reconcile(s, TODAY, reported_balance=Decimal("179.00"))
    record = s.reconciliations[-1]
    assert record["closing"] == "179.50" and record["difference"] == "-0.50" and record["ledger_consistent"]
    assert s.day == {"opening": "179.50", "deposits": "0.00", "spent": "0.00", "count": 0}


def with_counts(counts, start=date(2026, 1, 1)):
    s = station(start)
    return stations.Station(**{**s.__dict__, "monthly_counts": counts})


def test_a_month_without_any_transaction_means_exit_with_an_event():
    exited, events = stations.review_exit(with_counts({"2026-05": 40}), "2026-06", date(2026, 7, 1))
    assert exited.status == "exited"
    assert [(type(e), e.reason) for e in events] == [(StationExited, "no-transaction-in-a-month")]


def test_fewer_than_20_in_each_of_3_consecutive_months_means_exit():
    low = {"2026-04": 19, "2026-05": 19, "2026-06": 19}
    assert stations.exit_reason(with_counts(low), "2026-06") == "fewer-than-20-in-3-consecutive-months"
    assert stations.exit_reason(with_counts(low | {"2026-05": 20}), "2026-06") is None


def test_months_before_the_agreement_do_not_count():
    started = with_counts({"2026-05": 5, "2026-06": 5}, start=date(2026, 4, 15))  # first full month is May
    assert stations.exit_reason(started, "2026-04") is None
    assert stations.exit_reason(started, "2026-06") is None  # only two full months so far
