"""Membership documents (征缴管理办法 第七条), what registry tells the account, and a deregistration waiting on a month
still in its collection — through the routes on the real FerretDB."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.account import AccountStatus, CertificateStatus
from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id

pytestmark = pytest.mark.infra
ARTICLE = "北京市社会保险基金征缴管理办法 第七条"


async def _change_account(api, employer_id, **fields):
    async with api.container.accounts.lock(employer_id):
        account, loaded = await api.container.accounts.load(employer_id)
        await api.container.accounts.save(replace(account, **fields), loaded=loaded)


async def test_a_removal_answers_with_its_document_readable_by_the_unit_and_the_next_unit_enrols_on_it(api):
    await api.account("u1")
    await api.account("u2")
    rid = await api.member("u1")
    removed = await api.post(f"/accounts/u1/members/{rid}/removal", {"reason": "transfer_out", "on": "2026-11-10"})
    assert removed.status_code == 200, removed.text
    document = removed.json()["transfer_document"]
    assert (document["form"], document["kind"], document["resident_id"]) == ("表二十二", "transfer_certificate", rid)
    listed = (await api.get("/accounts/u1/transfer-documents")).json()
    assert listed["total_count"] == 1 and listed["items"][0] == document
    read = await api.get(f"/accounts/u1/transfer-documents/{document['document_id']}")
    assert read.status_code == 200 and read.json() == document
    elsewhere = await api.get(f"/accounts/u2/transfer-documents/{document['document_id']}")
    assert elsewhere.status_code == 404 and elsewhere.json()["errors"][0]["rule"] == "unknown-transfer-document"
    assert (await api.get("/transfer-documents", resident_id=rid)).json()["items"] == [document]

    on_certificate = {"resident_id": rid, "name": "张三", "on": "2026-11-12", "documents": ["transfer_certificate"],
                      "transfer_certificate_id": document["document_id"]}
    enrolled = await api.post("/accounts/u2/members", on_certificate)
    assert enrolled.status_code == 201, enrolled.text
    assert enrolled.json()["transfer_certificate_id"] == document["document_id"]


async def test_a_retirement_issues_the_retirement_settlement(api):
    await api.account("u1")
    rid = await api.member("u1")
    removed = await api.post(f"/accounts/u1/members/{rid}/removal", {"reason": "retirement", "on": "2026-11-10"})
    assert removed.json()["transfer_document"]["form"] == "表二十三-1"


async def test_an_addition_without_its_documents_is_refused_naming_rule_and_article(api):
    await api.account("u1")
    body = {"resident_id": resident_id(), "name": "李四", "on": "2026-11-10"}
    missing = await api.post("/accounts/u1/members", body | {"documents": ["id_copy"]})
    assert missing.status_code == 422
    assert {k: missing.json()["errors"][0][k] for k in ("field", "rule", "article")} == {
        "field": "documents", "rule": "enrolment-documents", "article": ARTICLE}
    no_copy = await api.post("/accounts/u1/members", body | {"documents": ["personal_information_form"]})
    assert no_copy.json()["errors"][0]["rule"] == "id-copy-required"
    unknown = await api.post("/accounts/u1/members", body | {"documents": ["transfer_certificate"],
                                                             "transfer_certificate_id": "nope"})
    assert unknown.json()["errors"][0]["rule"] == "unknown-transfer-certificate"
    assert (await api.get("/accounts/u1/members")).json()["items"] == []


async def test_a_lapsed_certificate_or_a_deregistered_unit_adds_nobody_and_the_read_shows_why(api):
    await api.account("u1")
    await _change_account(api, "u1", certificate_status=CertificateStatus.LAPSED,
                          certificate_lapsed_on=date(2027, 1, 2), certificate_lapsed_year=2026)
    account = (await api.get("/accounts/u1")).json()
    assert (account["certificate_status"], account["certificate_lapsed_on"]) == ("lapsed", "2027-01-02")
    lapsed_units = (await api.get("/accounts", certificate_status="lapsed")).json()
    assert [a["employer_id"] for a in lapsed_units["items"]] == ["u1"]
    body = {"resident_id": resident_id(), "name": "李四", "on": "2026-11-10", **NEW_PERSON}
    lapsed = await api.post("/accounts/u1/members", body)
    assert lapsed.status_code == 409
    assert (lapsed.json()["errors"][0]["rule"], lapsed.json()["errors"][0]["article"]) == (
        "certificate-lapsed", "北京市社会保险登记管理办法 第十八条")
    await _change_account(api, "u1", status=AccountStatus.DEREGISTERED)
    closed = await api.post("/accounts/u1/members", body)
    assert closed.status_code == 409 and closed.json()["errors"][0]["rule"] == "employer-deregistered"


async def test_an_enrolment_by_event_is_listed_pending_until_the_unit_files_its_documents(api):
    from services.insurance.application import members as member_cases
    await api.account("u1")
    rid = resident_id()
    await member_cases.add_member(api.container.accounts, api.container.members, api.container.transfer_documents,
                                  "u1", rid, "王五", date(2026, 11, 27), None, queued=True)
    pending = (await api.get("/members", documents_pending="true")).json()
    assert [(m["resident_id"], m["documents_pending"]) for m in pending["items"]] == [(rid, True)]
    assert (await api.get("/accounts/u1/members", documents_pending="true")).json()["total_count"] == 1
    filed = await api.post(f"/accounts/u1/members/{rid}/documents", {"documents": ["personal_information_form"]})
    assert filed.status_code == 422 and filed.json()["errors"][0]["rule"] == "id-copy-required"
    filed = await api.post(f"/accounts/u1/members/{rid}/documents", NEW_PERSON)
    assert filed.status_code == 200 and filed.json()["documents_pending"] is False
    assert (await api.get("/members", documents_pending="true")).json()["total_count"] == 0
    again = await api.post(f"/accounts/u1/members/{rid}/documents", NEW_PERSON)
    assert again.status_code == 409 and again.json()["errors"][0]["rule"] == "filed-once"


async def test_a_deregistration_waiting_on_a_month_still_in_its_collection_goes_on_once_it_is_paid(api):
    await api.account("u1", "cash_cheque")
    rid = await api.member("u1", on="2026-09-10")
    await api.container.bases.write_bases(2026, {rid: Decimal("10000.00")})
    assert (await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})).status_code == 200
    before = (await api.get("/accounts/u1/deregistration-assessment", on="2026-12-21")).json()
    assert [(m["period"], m["outstanding"], m["late_fee"]) for m in before["months"]] == [
        ("2026-11", "2600.00", "1.30")]  # not closed, one day past its due date
    assert (await api.get("/accounts/u1/arrears", on="2026-12-21")).json()["months"] == []  # closed months only
    await _change_account(api, "u1", pending_request_id="r1")
    short = {"on": "2026-12-10", "batch": "b1", "payments": [{"employer_id": "u1", "amount": "1000.00"}]}
    assert (await api.post("/cycles/2026-11/payments", short)).status_code == 200
    assert (await api.container.accounts.get("u1")).pending_request_id == "r1"
    rest = {"on": "2026-12-11", "batch": "b2", "payments": [{"employer_id": "u1", "amount": "1600.00"}]}
    assert (await api.post("/cycles/2026-11/payments", rest)).status_code == 200
    assert (await api.container.accounts.get("u1")).pending_request_id is None
    assert (await api.get("/accounts/u1/deregistration-assessment", on="2026-12-21")).json()["total"] == "0.00"
    document = await api.container.runtime.db["accounts"].find_one({"_id": "u1"})
    assert [e["type"] for e in document.get("_outbox", [])][-1:] == ["insurance.arrears.settled"]
