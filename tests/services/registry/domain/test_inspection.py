from dataclasses import replace
from datetime import date

import pytest

from services.registry.domain import inspection as rules
from services.registry.domain.certificate import CertificateStatus
from services.registry.domain.model import Arrears, InsuranceFacts
from services.registry.domain.units import INSPECTION_DOCUMENTS
from shared.errors import Conflict, InvalidInput
from shared.events.insurance import MonthClosed
from tests.services.registry.domain.factories import TODAY, registered


def declaration(headcount=12, wage_base="96000.00", types=("pension", "unemployment"), paid=None):
    return rules.Declaration(insurance_types=types, insured_headcount=headcount, wage_base_total=wage_base,
                             documents=tuple(INSPECTION_DOCUMENTS), contributions_paid=paid)


def inspect(*args):
    employer, _ = rules.inspect(*args)
    return employer


def with_facts(**facts):
    return replace(registered(), insurance=InsuranceFacts(**facts))


def test_a_consistent_declaration_passes_and_the_certificate_is_stamped():
    inspected = inspect(registered(), 2025, declaration(), TODAY)
    assert inspected.inspected_years == {2025} and inspected.inspections[0].wage_base_total == "96000.00"
    assert "stamped" in inspected.timeline[-1].what


def test_inspecting_a_year_twice_is_refused():
    once = inspect(registered(), 2025, declaration(), TODAY)
    with pytest.raises(Conflict):
        inspect(once, 2025, declaration(), TODAY)


def test_a_future_year_and_a_year_before_registration_are_refused():
    with pytest.raises(InvalidInput):
        inspect(registered(), 2027, declaration(), TODAY)
    with pytest.raises(InvalidInput):
        inspect(registered(date(2025, 6, 1)), 2025, declaration(), TODAY)


def test_the_declaration_must_match_insurance_facts_and_every_mismatch_is_named():
    employer = with_facts(insured_headcount=10, wage_base_total="80000.00", insurance_types=("pension",),
                          arrears=Arrears(contributions="500.00", late_fees="0.00", fines="0.00", total="500.00",
                                          as_of=date(2026, 10, 31)))
    with pytest.raises(InvalidInput) as caught:
        inspect(employer, 2025, declaration(), TODAY)
    assert [p.field for p in caught.value.errors] == ["insured", "insured_headcount", "wage_base_total",
                                                      "insurance_types"]


def test_settled_arrears_no_longer_fail_the_inspection():
    arrears = Arrears(contributions="500.00", late_fees="0.00", fines="0.00", total="500.00", as_of=date(2026, 10, 1))
    employer = with_facts(arrears=arrears, settled_on=date(2026, 10, 5))
    assert inspect(employer, 2025, declaration(), TODAY).inspected_years == {2025}


def test_an_incomplete_form_is_refused_with_each_problem():
    bad = rules.Declaration(insurance_types=("dental",), insured_headcount=3, wage_base_total="1.005", documents=())
    with pytest.raises(InvalidInput) as caught:
        inspect(registered(), 2025, bad, TODAY)
    assert {p.rule for p in caught.value.errors} == {"required-document", "insurance-type", "yuan-2-decimals"}


def test_not_inspected_by_the_deadline_the_certificate_lapses():
    deadline = rules.inspection_deadline(2025)
    assert deadline == date(2025, 12, 31)
    lapsed, events = rules.lapse(registered(), 2025, date(2026, 1, 1), deadline)
    assert lapsed.certificate.status == CertificateStatus.LAPSED
    assert events[0].certificate_number == "110108000001" and events[0].year == 2025
    assert events[0].district_code == "110108" and events[0].lapsed_on == date(2026, 1, 1)


def test_inspected_late_registered_or_already_lapsed_units_do_not_lapse():
    inspected = inspect(registered(), 2025, declaration(), TODAY)
    deadline, after = rules.inspection_deadline(2025), date(2026, 1, 1)
    assert rules.lapse(inspected, 2025, after, deadline)[1] == []
    assert rules.lapse(registered(date(2025, 5, 1)), 2025, after, deadline)[1] == []
    once, _ = rules.lapse(registered(), 2025, after, deadline)
    assert rules.lapse(once, 2025, after, deadline)[1] == []


def test_the_lapse_run_needs_a_date_after_the_deadline_and_not_in_the_future():
    with pytest.raises(InvalidInput):
        rules.check_lapse_run(2025, date(2025, 12, 31), date(2025, 12, 31), TODAY)
    with pytest.raises(InvalidInput):
        rules.check_lapse_run(2025, date(2026, 12, 1), date(2025, 12, 31), TODAY)
    rules.check_lapse_run(2025, date(2026, 1, 1), date(2025, 12, 31), TODAY)


def month_closed(period, headcount, paid="0.00", **extra):
    return MonthClosed(employer_id="e1", period=period, headcount=headcount, due=paid, paid=paid,
                       arrears="0.00", closed_on=TODAY, **extra)


def test_the_newest_closed_month_sets_the_headcount_an_older_one_arriving_late_does_not():
    employer, events = rules.on_month_closed(registered(), month_closed("2025-12", 12))
    assert events == [] and employer.insurance.insured_headcount == 12
    employer, _ = rules.on_month_closed(employer, month_closed("2025-11", 9))
    assert (employer.insurance.insured_headcount, employer.insurance.headcount_period) == (12, "2025-12")


def test_a_declared_headcount_other_than_the_closed_months_fails_naming_the_month():
    employer, _ = rules.on_month_closed(registered(), month_closed("2025-12", 11))
    with pytest.raises(InvalidInput) as refused:
        inspect(employer, 2025, declaration(headcount=12), TODAY)
    assert "11 insured (month 2025-12 closed)" in refused.value.errors[0].message
    assert inspect(employer, 2025, declaration(headcount=11, paid="0.00"), TODAY).inspected_years == {2025}


def closed_months(*months):
    employer = registered()
    for month in months:
        employer, _ = rules.on_month_closed(employer, month)
    return employer


def test_wage_base_and_insurance_types_come_from_the_newest_closed_month():
    employer = closed_months(
        month_closed("2025-11", 12, "1000.00", wage_base_total="90000.00", insurance_types=["pension"]),
        month_closed("2025-12", 12, "1100.00", wage_base_total="96000.00",
                     insurance_types=["unemployment", "pension"]),
        month_closed("2025-10", 9, "900.00", wage_base_total="1.00", insurance_types=["maternity"]))
    facts = employer.insurance
    assert (facts.wage_base_total, facts.insurance_types) == ("96000.00", ("pension", "unemployment"))
    assert facts.paid_in(2025) == "3000.00" and facts.paid_in(2026) is None


def test_a_month_without_wage_base_or_types_keeps_the_known_ones_and_a_reclosed_month_is_not_counted_twice():
    employer = closed_months(
        month_closed("2025-11", 12, "1000.00", wage_base_total="96000.00", insurance_types=["pension"]),
        month_closed("2025-12", 12, "1100.00"), month_closed("2025-12", 12, "1200.00"))
    assert employer.insurance.wage_base_total == "96000.00" and employer.insurance.insurance_types == ("pension",)
    assert employer.insurance.paid_in(2025) == "2200.00"


def test_wage_base_types_and_contributions_paid_are_compared_naming_rule_and_article():
    employer = closed_months(month_closed("2025-12", 12, "1100.00", wage_base_total="96000.00",
                                          insurance_types=["pension", "unemployment"]))
    with pytest.raises(InvalidInput) as refused:
        inspect(employer, 2025, declaration(wage_base="95999.99", types=("pension",), paid="1099.99"), TODAY)
    found = {(p.field, p.rule, p.article) for p in refused.value.errors}
    assert found == {("wage_base_total", "matches-insurance", "第十九条第3项"),
                     ("insurance_types", "matches-insurance", "第十九条第2项"),
                     ("contributions_paid", "matches-insurance", "第十九条第3项")}
    assert inspect(employer, 2025, declaration(paid="1100.00"), TODAY).inspections[0].contributions_paid == "1100.00"


def test_once_insurance_recorded_payments_for_the_year_the_form_must_state_them():
    employer = closed_months(month_closed("2025-12", 12, "1100.00"))
    with pytest.raises(InvalidInput) as refused:
        inspect(employer, 2025, declaration(), TODAY)
    [problem] = refused.value.errors
    assert (problem.rule, problem.article, problem.facts["expected"]) == (
        "contributions-paid-declared", "第十九条第3项", "1100.00")
    assert inspect(employer, 2026, declaration(), date(2027, 1, 5)).inspected_years == {2026}


def test_a_late_pass_of_the_lapsed_year_restores_the_certificate_and_publishes_it():
    lapsed, _ = rules.lapse(registered(), 2025, date(2026, 1, 1), rules.inspection_deadline(2025))
    with pytest.raises(Conflict) as refused:
        rules.inspect(lapsed, 2026, declaration(), date(2027, 1, 5))
    assert (refused.value.errors[0].rule, refused.value.errors[0].article) == ("lapsed-year-first", "第十八条")
    restored, [event] = rules.inspect(lapsed, 2025, declaration(), TODAY)
    assert restored.certificate.status == CertificateStatus.VALID and restored.certificate.number == "110108000001"
    assert (event.type, event.year, event.restored_on, event.certificate_number) == (
        "registry.certificate.restored", 2025, TODAY, "110108000001")
    assert restored.inspections[-1].restored_certificate


def test_an_inspection_of_a_valid_certificate_publishes_nothing():
    assert rules.inspect(registered(), 2025, declaration(), TODAY)[1] == []
