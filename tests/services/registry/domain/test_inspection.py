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


def declaration(headcount=12, wage_base="96000.00", types=("pension", "unemployment")):
    return rules.Declaration(insurance_types=types, insured_headcount=headcount, wage_base_total=wage_base,
                             documents=tuple(INSPECTION_DOCUMENTS))


def with_facts(**facts):
    return replace(registered(), insurance=InsuranceFacts(**facts))


def test_a_consistent_declaration_passes_and_the_certificate_is_stamped():
    inspected = rules.inspect(registered(), 2025, declaration(), TODAY)
    assert inspected.inspected_years == {2025} and inspected.inspections[0].wage_base_total == "96000.00"
    assert "stamped" in inspected.timeline[-1].what


def test_inspecting_a_year_twice_is_refused():
    once = rules.inspect(registered(), 2025, declaration(), TODAY)
    with pytest.raises(Conflict):
        rules.inspect(once, 2025, declaration(), TODAY)


def test_a_future_year_and_a_year_before_registration_are_refused():
    with pytest.raises(InvalidInput):
        rules.inspect(registered(), 2027, declaration(), TODAY)
    with pytest.raises(InvalidInput):
        rules.inspect(registered(date(2025, 6, 1)), 2025, declaration(), TODAY)


def test_the_declaration_must_match_insurance_facts_and_every_mismatch_is_named():
    employer = with_facts(insured_headcount=10, wage_base_total="80000.00", insurance_types=("pension",),
                          arrears=Arrears(contributions="500.00", late_fees="0.00", fines="0.00", total="500.00",
                                          as_of=date(2026, 10, 31)))
    with pytest.raises(InvalidInput) as caught:
        rules.inspect(employer, 2025, declaration(), TODAY)
    assert [p.field for p in caught.value.errors] == ["insured", "insured_headcount", "wage_base_total",
                                                      "insurance_types"]


def test_settled_arrears_no_longer_fail_the_inspection():
    arrears = Arrears(contributions="500.00", late_fees="0.00", fines="0.00", total="500.00", as_of=date(2026, 10, 1))
    employer = with_facts(arrears=arrears, settled_on=date(2026, 10, 5))
    assert rules.inspect(employer, 2025, declaration(), TODAY).inspected_years == {2025}


def test_an_incomplete_form_is_refused_with_each_problem():
    bad = rules.Declaration(insurance_types=("dental",), insured_headcount=3, wage_base_total="1.005", documents=())
    with pytest.raises(InvalidInput) as caught:
        rules.inspect(registered(), 2025, bad, TODAY)
    assert {p.rule for p in caught.value.errors} == {"required-document", "insurance-type", "yuan-2-decimals"}


def test_not_inspected_by_the_deadline_the_certificate_lapses():
    deadline = rules.inspection_deadline(2025)
    assert deadline == date(2025, 12, 31)
    lapsed, events = rules.lapse(registered(), 2025, date(2026, 1, 1), deadline)
    assert lapsed.certificate.status == CertificateStatus.LAPSED
    assert events[0].certificate_number == "110108000001" and events[0].year == 2025
    assert events[0].district_code == "110108" and events[0].lapsed_on == date(2026, 1, 1)


def test_inspected_late_registered_or_already_lapsed_units_do_not_lapse():
    inspected = rules.inspect(registered(), 2025, declaration(), TODAY)
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


def month_closed(period, headcount):
    return MonthClosed(employer_id="e1", period=period, headcount=headcount, due="0.00", paid="0.00",
                       arrears="0.00", closed_on=TODAY)


def test_the_newest_closed_month_sets_the_headcount_an_older_one_arriving_late_does_not():
    employer, events = rules.on_month_closed(registered(), month_closed("2025-12", 12))
    assert events == [] and employer.insurance.insured_headcount == 12
    employer, _ = rules.on_month_closed(employer, month_closed("2025-11", 9))
    assert (employer.insurance.insured_headcount, employer.insurance.headcount_period) == (12, "2025-12")


def test_a_declared_headcount_other_than_the_closed_months_fails_naming_the_month():
    employer, _ = rules.on_month_closed(registered(), month_closed("2025-12", 11))
    with pytest.raises(InvalidInput) as refused:
        rules.inspect(employer, 2025, declaration(headcount=12), TODAY)
    assert "11 insured (month 2025-12 closed)" in refused.value.errors[0].message
    assert rules.inspect(employer, 2025, declaration(headcount=11), TODAY).inspected_years == {2025}
