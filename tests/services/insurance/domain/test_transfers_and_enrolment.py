"""The documents of 征缴管理办法 第七条: what an addition is filed with, and what a removal issues by its reason."""
from dataclasses import replace
from datetime import date

import pytest

from services.insurance.domain.enrolment import Filed, check_documents, file_documents
from services.insurance.domain.members import Member, RemovalReason, add_member, separate_on_deregistration
from services.insurance.domain.transfers import DocumentKind, document_id, issue_document
from shared.errors import Conflict, InvalidInput

RID = "11010519491231002X"
OTHER = "110105198001010016"
MEMBER = Member(RID, "e1", "王五", date(2026, 3, 10))


def _removed(reason):
    return replace(MEMBER, removed_on=date(2026, 11, 10), removal_reason=reason)


@pytest.mark.parametrize(("reason", "kind", "form"), [
    (RemovalReason.TRANSFER_OUT, DocumentKind.TRANSFER_CERTIFICATE, "表二十二"),
    (RemovalReason.RETIREMENT, DocumentKind.RETIREMENT_SETTLEMENT, "表二十三-1"),
    (RemovalReason.ONE_OFF_WITHDRAWAL, DocumentKind.ONE_OFF_SETTLEMENT, "表二十三-2"),
    (RemovalReason.DEATH, DocumentKind.ONE_OFF_SETTLEMENT, "表二十三-2"),
    (RemovalReason.OTHER, DocumentKind.TRANSFER_CERTIFICATE, "表二十二"),
])
def test_a_removal_issues_the_document_of_its_reason(reason, kind, form):
    document = issue_document(_removed(reason), date(2026, 11, 10))
    assert (document.kind, document.form) == (kind, form)
    assert (document.insured_from, document.insured_until) == (date(2026, 3, 10), date(2026, 11, 10))


def test_the_same_membership_always_ends_with_the_same_document_id():
    first = issue_document(_removed(RemovalReason.TRANSFER_OUT), date(2026, 11, 10))
    again = issue_document(_removed(RemovalReason.TRANSFER_OUT), date(2026, 11, 12))
    assert first.id == again.id == document_id("e1", RID, date(2026, 3, 10))
    assert document_id("e2", RID, date(2026, 3, 10)) != first.id


def test_no_document_for_someone_still_insured():
    with pytest.raises(ValueError):
        issue_document(MEMBER, date(2026, 11, 10))


def test_a_deregistered_units_member_is_transferred_out_on_the_deregistration_day_outside_the_window():
    separated = separate_on_deregistration(MEMBER, "e1", date(2026, 11, 28))
    assert (separated.removed_on, separated.removal_reason) == (date(2026, 11, 28), RemovalReason.TRANSFER_OUT)
    assert separate_on_deregistration(separated, "e1", date(2026, 11, 29)) is None
    assert separate_on_deregistration(MEMBER, "e2", date(2026, 11, 28)) is None


def _refused(filed, insured_before=False, certificate=None) -> dict:
    with pytest.raises(InvalidInput) as refused:
        check_documents(filed, RID, insured_before, certificate)
    entry = refused.value.errors[0]
    assert entry.article == "北京市社会保险基金征缴管理办法 第七条"
    return {"field": entry.field, "rule": entry.rule}


def test_an_addition_without_the_form_or_a_transfer_certificate_is_refused_naming_rule_and_article():
    assert _refused(Filed(("id_copy",))) == {"field": "documents", "rule": "enrolment-documents"}


def test_someone_never_insured_needs_the_id_copy_with_the_form_someone_insured_before_does_not():
    assert _refused(Filed(("personal_information_form",))) == {"field": "documents", "rule": "id-copy-required"}
    assert check_documents(Filed(("personal_information_form",)), RID, True, None).documents == (
        "personal_information_form",)
    both = check_documents(Filed(("id_copy", "personal_information_form")), RID, False, None)
    assert both.documents == ("id_copy", "personal_information_form")


def test_a_transfer_certificate_must_be_one_issued_to_this_person():
    certificate = issue_document(_removed(RemovalReason.TRANSFER_OUT), date(2026, 11, 10))
    filed = Filed(("transfer_certificate",), certificate.id)
    assert check_documents(filed, RID, True, certificate).transfer_certificate_id == certificate.id
    assert _refused(filed, True, None)["rule"] == "unknown-transfer-certificate"
    assert _refused(Filed(("transfer_certificate",)), True)["rule"] == "required"
    someone_else = replace(certificate, resident_id=OTHER)
    assert _refused(filed, True, someone_else)["rule"] == "transfer-certificate-of-person"
    settlement = issue_document(_removed(RemovalReason.RETIREMENT), date(2026, 11, 10))
    assert _refused(Filed(("transfer_certificate",), settlement.id), True, settlement)["rule"] == (
        "transfer-certificate-of-person")


def test_an_enrolment_by_event_is_pending_its_documents_until_they_are_filed_once():
    pending = add_member(None, "e1", RID, "王五", date(2026, 11, 27), queued=True)
    assert pending.documents_pending and pending.new_to_insurance
    filed = file_documents(pending, Filed(("id_copy", "personal_information_form")))
    assert not filed.documents_pending and filed.documents == ("id_copy", "personal_information_form")
    with pytest.raises(Conflict):
        file_documents(filed, Filed(("personal_information_form",)))
    at_the_counter = add_member(None, "e1", RID, "王五", date(2026, 11, 10), documents=("personal_information_form",))
    assert not at_the_counter.documents_pending
