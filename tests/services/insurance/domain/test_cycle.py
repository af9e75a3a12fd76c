from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.account import (
    PaymentMethod, declare, open_for, set_payment_method, switch_to_declaration)
from services.insurance.domain.calendar import Period
from services.insurance.domain.cycle import (
    StepOutOfOrder, base_year, close_month, debit_rows, month_closed, parse_amounts, require_close_day,
    require_collection_day, require_debit_file_day, require_results_day, statements_for)
from services.insurance.domain.refusals import COLLECTION_DAYS
from services.insurance.domain.members import Member
from services.insurance.domain.rates import DEFAULT_RATES, CollectionPolicy
from services.insurance.domain.statement import build_statement
from shared.errors import InvalidInput
from shared.events import EmployerRegistered

NOV = Period(2026, 11)
POLICY = CollectionPolicy(city_average_wages={2025: Decimal("10000.00")})  # floor 6000.00


def _account(employer_id):
    return open_for(None, EmployerRegistered(employer_id=employer_id, name="n", uscc="91110108551385082Q",
                                             district_code="110108", registered_on=date(2026, 1, 5)),
                    date(2026, 1, 5))[0]


def test_bases_from_april_apply_to_april_to_march():
    assert base_year(Period(2026, 4)) == 2026 and base_year(Period(2027, 3)) == 2026


def test_statements_count_the_months_headcount_and_use_the_floor_without_a_base():
    members = [Member("p1", "e1", "n", date(2026, 11, 28)), Member("p2", "e1", "n", date(2026, 12, 5)),
               Member("p3", "e2", "n", date(2026, 5, 5))]
    made = {s.employer_id: s for s in statements_for([_account("e1"), _account("e2")], members,
                                                     {"p3": Decimal("10000.00")}, NOV, DEFAULT_RATES, POLICY)}
    assert (made["e1"].headcount, made["e1"].total) == (1, Decimal("1560.00"))  # 6000.00 × 26 %
    assert made["e2"].total == Decimal("2600.00")


def test_an_active_declaration_unit_gets_no_statement_until_it_declares():
    late = switch_to_declaration(_account("e3"))
    assert statements_for([late], [], {}, NOV, DEFAULT_RATES, POLICY) == []
    assert len(statements_for([declare(late, "2026-11")], [], {}, NOV, DEFAULT_RATES, POLICY)) == 1


def _refused(rule, check, on):
    with pytest.raises(StepOutOfOrder) as refused:
        check(NOV, on)
    assert [(e.field, e.rule, e.article) for e in refused.value.errors] == [("on", rule, COLLECTION_DAYS)]


def test_payments_run_from_the_1st_to_the_20th_of_the_next_month_and_the_month_closes_only_at_its_end():
    require_collection_day(NOV, date(2026, 12, 1))
    require_collection_day(NOV, date(2026, 12, 20))
    _refused("collection-days", require_collection_day, date(2026, 12, 21))
    _refused("close-days", require_close_day, date(2026, 12, 21))
    _refused("close-days", require_close_day, date(2026, 12, 30))  # 月末结账: the last day, not before
    require_close_day(NOV, date(2026, 12, 31))
    require_close_day(Period(2027, 1), date(2027, 2, 28))
    _refused("close-days", lambda _, on: require_close_day(Period(2027, 1), on), date(2027, 2, 27))


def test_the_debit_file_is_made_on_the_1st_or_2nd_and_for_re_debits_from_the_4th_to_the_20th():
    for day in (1, 2, 4, 12, 20):
        require_debit_file_day(NOV, date(2026, 12, day))
    for on in (date(2026, 11, 30), date(2026, 12, 3), date(2026, 12, 21)):  # the 3rd: the bank is debiting
        _refused("debit-file-days", require_debit_file_day, on)


def test_the_banks_results_are_imported_from_the_4th_to_the_20th():
    require_results_day(NOV, date(2026, 12, 4))
    require_results_day(NOV, date(2026, 12, 20))
    _refused("debit-results-days", require_results_day, date(2026, 12, 3))
    _refused("debit-results-days", require_results_day, date(2026, 12, 21))


def test_the_debit_file_lists_bank_debit_units_that_owe_and_bad_result_rows_fail_together():
    cash = set_payment_method(_account("e2"), PaymentMethod.CASH_CHEQUE)
    made = {s.employer_id: s for s in statements_for([_account("e1"), cash], [Member("p", "e1", "n", date(2026, 5, 5))],
                                                     {}, NOV, DEFAULT_RATES, POLICY)}
    assert debit_rows([_account("e1"), cash], made) == [("e1", Decimal("1560.00"))]
    with pytest.raises(InvalidInput) as bad:
        parse_amounts([{"employer_id": "e1", "amount": "1.001"}, {"employer_id": "zz", "amount": "1"},
                       {"employer_id": "e1", "amount": "x"}], made)
    assert [p.field for p in bad.value.errors] == ["line 2.amount", "line 3.employer_id", "line 4.amount"]
    with pytest.raises(InvalidInput) as absurd:  # not an InvalidOperation from rounding past Decimal's 28 digits
        parse_amounts([{"employer_id": "e1", "amount": a} for a in ("1e30", "NaN", "-Infinity")], made)
    assert [(p.field, p.rule) for p in absurd.value.errors] == [(f"line {n}.amount", "money") for n in (2, 3, 4)]
    with pytest.raises(InvalidInput) as in_json:  # rows of a JSON body are named by their place in it
        parse_amounts([{"employer_id": "e1", "amount": "1.00"}, {"employer_id": "zz", "amount": "1"}], made, "rows")
    assert [(p.field, p.rule) for p in in_json.value.errors] == [("rows.1.employer_id", "statement")]


def test_the_close_reports_each_account_and_switches_after_two_unpaid_months():
    made = {s.employer_id: s for s in statements_for([_account("e1")], [Member("p", "e1", "n", date(2026, 5, 5))],
                                                     {}, NOV, DEFAULT_RATES, POLICY)}
    first = close_month(made, {}, date(2026, 12, 31), POLICY)
    second = close_month(made, {s.employer_id: s.unpaid_streak for s in first.statements}, date(2027, 1, 31),
                         POLICY)
    assert (first.to_switch, second.to_switch) == ([], ["e1"])
    assert [(e.due, e.paid, e.arrears) for e in first.events] == [("1560.00", "0.00", "1560.00")]


def test_the_month_close_tells_the_annual_inspection_the_wage_base_total_and_the_insurance_types():
    two = build_statement("e1", "2026-11", [Decimal("10000.00"), Decimal("6000.50")], DEFAULT_RATES)
    event = month_closed(two, date(2026, 12, 31))
    assert (event.headcount, event.wage_base_total) == (2, "16000.50")
    assert event.insurance_types == ["pension", "unemployment", "work_injury", "maternity"]
    nobody = month_closed(build_statement("e2", "2026-11", [], DEFAULT_RATES), date(2026, 12, 31))
    assert (nobody.wage_base_total, nobody.insurance_types) == ("0.00", [])
