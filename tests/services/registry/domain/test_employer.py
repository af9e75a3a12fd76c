from datetime import date

import pytest

from services.registry.domain import employer as rules
from services.registry.domain.districts import is_issuable_district, is_known_district
from services.registry.domain.model import EmployerStatus
from services.registry.domain.units import REQUIRED_DOCUMENTS, Document, UnitType
from shared.errors import Conflict, InvalidInput
from shared.events import EmployerRegistered
from tests.services.registry.domain.factories import VALID_USCC, form

TODAY = date(2026, 11, 20)


def test_registering_a_unit_directly_records_the_registered_event_with_its_certificate():
    employer, events = rules.register("e1", " 海淀科技有限公司 ", VALID_USCC.lower(), "110108", "110108000007", TODAY)
    assert employer.name == "海淀科技有限公司" and employer.uscc == VALID_USCC
    assert employer.status == EmployerStatus.REGISTERED and employer.certificate.number == "110108000007"
    assert events == [EmployerRegistered(employer_id="e1", name="海淀科技有限公司", uscc=VALID_USCC,
                                         district_code="110108", registered_on=TODAY,
                                         certificate_number="110108000007")]


def test_every_broken_rule_is_reported_at_once():
    with pytest.raises(InvalidInput) as caught:
        rules.register("e1", "  ", "91110108551385082A", "110103", "110103000001", TODAY)
    assert [(p.field, p.rule) for p in caught.value.errors] == [
        ("name", "required"), ("uscc", "uscc-check-character"), ("district_code", "beijing-district")]


def test_sixteen_current_districts_and_the_two_merged_in_2010():
    current = [c for c in (f"1101{n:02d}" for n in range(1, 20)) if is_issuable_district(c)]
    assert len(current) == 16
    assert not is_issuable_district("110103") and not is_issuable_district("110104")
    assert is_known_district("110103") and is_known_district("110104")


def test_seven_unit_types_each_with_its_documents_and_the_code_certificate_for_all():
    assert len(UnitType) == 7
    assert all(Document.ORGANISATION_CODE in docs and Document.FORM_1 in docs for docs in REQUIRED_DOCUMENTS.values())
    assert Document.APPROVAL_CERTIFICATE in REQUIRED_DOCUMENTS[UnitType.FOREIGN_INVESTED]
    assert Document.PARENT_AUTHORISATION in REQUIRED_DOCUMENTS[UnitType.BRANCH]


def test_missing_documents_are_each_named():
    documents = (Document.FORM_1.value, Document.BUSINESS_LICENCE.value)
    with pytest.raises(InvalidInput) as caught:
        rules.apply("e1", form(UnitType.FOREIGN_INVESTED, documents=documents), TODAY)
    assert sorted(p.message for p in caught.value.errors if p.rule == "required-document") == [
        "missing document: foreign_investment_approval_certificate",
        "missing document: organisation_code_certificate"]


def test_filed_within_thirty_days_is_on_time_and_later_is_accepted_but_late():
    on_time = rules.apply("e1", form(licence_date=date(2026, 10, 21)), TODAY)  # day 30
    late = rules.apply("e1", form(licence_date=date(2026, 10, 11)), TODAY)     # day 40
    assert on_time.application.days_late == 0 and late.application.days_late == 10
    assert late.status == EmployerStatus.APPLIED


def test_acceptance_sets_the_review_deadline_ten_working_days_ahead():
    accepted = rules.apply("e1", form(licence_date=date(2025, 9, 20)), date(2025, 9, 26))
    assert accepted.application.decision_due == date(2025, 10, 16)
    assert not rules.is_review_overdue(accepted, date(2025, 10, 16))
    assert rules.is_review_overdue(accepted, date(2025, 10, 17))


def test_unknown_type_future_licence_and_a_retired_district_are_refused_together():
    with pytest.raises(InvalidInput) as caught:
        rules.apply("e1", rules.ApplicationForm(name="甲", uscc=VALID_USCC, unit_type="cooperative",
                                                district_code="110104", licence_date=date(2026, 12, 1),
                                                documents=()), TODAY)
    assert {(p.field, p.rule) for p in caught.value.errors} == {
        ("district_code", "beijing-district"), ("unit_type", "unit-type"), ("licence_date", "not-in-future")}
    assert len(caught.value.errors) == 3, "no document list can be checked without a valid unit type"


def test_approval_issues_the_account_notice_and_the_bank_receipt_issues_the_certificate():
    approved = rules.review(rules.apply("e1", form(), TODAY), True, (), TODAY)
    assert approved.status == EmployerStatus.APPROVED and approved.application.account_notice_issued_on == TODAY
    registered, events = rules.record_bank_receipt(approved, "工商银行", "0200", TODAY, "110108000003", TODAY)
    assert registered.status == EmployerStatus.REGISTERED and registered.certificate.current.version == 1
    assert events[0].certificate_number == "110108000003" and events[0].unit_type == "enterprise"


def test_rejection_needs_reasons_and_a_decided_application_is_not_reviewed_again():
    applied = rules.apply("e1", form(), TODAY)
    with pytest.raises(InvalidInput):
        rules.review(applied, False, (" ",), TODAY)
    rejected = rules.review(applied, False, ("licence copy illegible",), TODAY)
    assert rejected.status == EmployerStatus.REJECTED
    with pytest.raises(Conflict):
        rules.review(rejected, True, (), TODAY)


def test_no_certificate_before_approval_nor_on_a_receipt_from_the_future():
    applied = rules.apply("e1", form(), TODAY)
    with pytest.raises(Conflict):
        rules.check_bank_receipt(applied, TODAY, TODAY)
    approved = rules.review(applied, True, (), TODAY)
    with pytest.raises(InvalidInput):
        rules.check_bank_receipt(approved, date(2026, 11, 21), TODAY)


def imported(number="110103000123", **overrides):
    values = dict(name="宣武老字号有限公司", uscc=VALID_USCC, district_code="110101", certificate_number=number,
                  registered_on=date(2005, 3, 1))
    return rules.ImportedRegistration(**(values | overrides))


@pytest.mark.parametrize("number", ["110103000123", "110104000001", "110101999999", "110119000001"])
def test_an_old_certificate_of_a_retired_or_current_district_is_imported_with_its_number(number):
    employer, [event] = rules.import_registered("e9", imported(number), TODAY)
    assert employer.status == "registered" and employer.certificate_number == number
    assert employer.registered_on == date(2005, 3, 1) and event.certificate_number == number
    assert event.registered_on == date(2005, 3, 1) and employer.district_code == "110101"


@pytest.mark.parametrize("number, rule", [("110110000001", "certificate-district"),
                                          ("120101000001", "certificate-district"),
                                          ("11010300012", "certificate-12-digits"),
                                          ("110103000000", "certificate-sequence")])
def test_an_imported_certificate_number_is_12_digits_of_a_beijing_district_and_a_sequence(number, rule):
    with pytest.raises(InvalidInput) as refused:
        rules.import_registered("e9", imported(number), TODAY)
    assert [(p.field, p.rule, p.article) for p in refused.value.errors] == [("certificate_number", rule, "第十五条")]


@pytest.mark.parametrize("district", ["110103", "110104"])
def test_the_retired_districts_are_never_issued_nor_a_units_district_now(district):
    with pytest.raises(InvalidInput) as refused:
        rules.register("e9", "崇文新公司", VALID_USCC, district, f"{district}000001", TODAY)
    assert refused.value.errors[0].rule == "beijing-district"
    with pytest.raises(InvalidInput):
        rules.import_registered("e9", imported(district_code=district), TODAY)
