"""Applications, review, bank receipt and certificates through the routes, on the real FerretDB."""
import asyncio
from datetime import date

import pytest

from services.registry.application import registration
from services.registry.application.commands import RegisterEmployer
from tests.e2e.flows import new_uscc

pytestmark = pytest.mark.infra


async def test_apply_review_bank_receipt_registers_with_a_twelve_digit_certificate(api):
    employer = await api.registered()
    assert employer["status"] == "registered" and employer["application"]["account_notice_issued_on"] == "2026-11-20"
    assert employer["certificate_number"] == "110108000001"
    certificate = (await api.get(f"/employers/{employer['id']}/certificate")).json()
    assert certificate["version"] == 1 and certificate["history"] == []
    events = (await api.get(f"/employers/{employer['id']}/events")).json()
    assert [e["what"] for e in events["items"]] == ["application accepted", "application approved", "registered"]
    assert events["total_count"] == 3 and events["items"][0]["data"]["decision_due"] == "2026-12-04"
    later = (await api.get(f"/employers/{employer['id']}/events", page=2, size=2)).json()
    assert [e["what"] for e in later["items"]] == ["registered"] and later["total_count"] == 3
    claimed = await api.container.runtime.db["certificate_sequences"].find_one({"scope": "110108", "n": 1})
    assert claimed["owner"] == employer["id"]


async def test_missing_documents_are_named_and_nothing_is_stored(api):
    body = {"name": "甲", "uscc": new_uscc(), "district_code": "110108", "unit_type": "representative_office",
            "licence_date": "2026-11-01", "documents": ["form_1"]}
    response = await api.post("/employers/applications", body)
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert {e["message"] for e in response.json()["errors"]} == {
        "missing document: organisation_code_certificate",
        "missing document: representative_office_registration_certificate"}
    assert await api.container.runtime.db["employers"].count_documents({}) == 0


async def test_text_the_database_cannot_store_is_422_naming_the_field_and_nothing_is_claimed(api):
    body = {"name": "海淀\u0000科技", "uscc": new_uscc(), "district_code": "110108"}
    response = await api.post("/employers", body)
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert [(e["field"], e["rule"]) for e in response.json()["errors"]] == [("name", "storable-text")]
    assert await api.container.runtime.db["employers"].count_documents({}) == 0
    assert await api.container.runtime.db["certificate_sequences"].count_documents({}) == 0


async def test_wrong_check_character_and_unknown_district_are_422_naming_the_rule(api):
    response = await api.post("/employers", {"name": "甲", "uscc": "91110108551385082A", "district_code": "110199"})
    assert response.status_code == 422
    assert {(e["field"], e["rule"]) for e in response.json()["errors"]} == {
        ("uscc", "uscc-check-character"), ("district_code", "beijing-district")}


async def test_a_late_application_is_accepted_and_marked_with_its_days(api):
    employer = await api.apply(licence_date="2026-10-01")  # 50 days before 2026-11-20
    assert employer["status"] == "applied" and employer["application"]["days_late"] == 20


async def test_overdue_reviews_are_listed_after_ten_working_days(api):
    api.clock.today = date(2025, 9, 26)
    employer = await api.apply(licence_date="2025-09-20")
    assert employer["application"]["decision_due"] == "2025-10-16"
    api.clock.today = date(2025, 10, 16)
    assert (await api.get("/employers/applications", overdue="true")).json()["total_count"] == 0
    api.clock.today = date(2025, 10, 17)
    overdue = (await api.get("/employers/applications", overdue="true")).json()
    assert [e["id"] for e in overdue["items"]] == [employer["id"]]


async def test_a_rejected_application_frees_its_uscc_and_a_second_live_one_is_a_conflict(api):
    first = await api.apply()
    duplicate = await api.post("/employers/applications", {**_form(first), "documents": first["application"]["documents"]})
    assert duplicate.status_code == 409
    assert [(e["field"], e["rule"]) for e in duplicate.json()["errors"]] == [("uscc", "unique-uscc")]
    rejected = await api.post(f"/employers/applications/{first['id']}/review",
                              {"decision": "reject", "reasons": ["licence copy illegible"]})
    assert rejected.json()["status"] == "rejected"
    again = await api.apply(uscc=first["uscc"])
    assert again["id"] != first["id"]


async def test_review_twice_and_bank_receipt_before_approval_are_409(api):
    employer = await api.apply()
    early = await api.post(f"/employers/applications/{employer['id']}/bank-account",
                           {"bank_name": "工商银行", "account_number": "1", "receipt_date": "2026-11-20"})
    assert early.status_code == 409 and "status_now" not in early.json()
    [error] = early.json()["errors"]
    assert "field" not in error  # the unit's state refuses, not an input
    assert (error["rule"], error["status_now"], error["status_required"]) == ("employer-status", "applied", "approved")
    await api.post(f"/employers/applications/{employer['id']}/review", {"decision": "approve"})
    assert (await api.post(f"/employers/applications/{employer['id']}/review",
                           {"decision": "approve"})).status_code == 409


async def test_fifty_parallel_registrations_in_one_district_get_fifty_consecutive_numbers(api):
    c = api.container
    commands = [RegisterEmployer(name=f"单位{i}", uscc=new_uscc(), district_code="110105") for i in range(50)]
    employers = await asyncio.gather(*(registration.register_employer(cmd, c.employers, c.certificates, c.today)
                                       for cmd in commands))
    numbers = sorted(e.certificate.number for e in employers)
    assert numbers == [f"110105{n:06d}" for n in range(1, 51)]
    other = await api.post("/employers", {"name": "西城单位", "uscc": new_uscc(), "district_code": "110102"})
    assert other.json()["certificate_number"] == "110102000001"


async def test_a_duplicate_registration_is_409_and_its_certificate_number_goes_to_the_next_unit(api):
    """The unique index refuses the USCC at the write; the number claimed for it is given back, not skipped."""
    body = {"name": "海淀重复公司", "uscc": new_uscc(), "district_code": "110108"}
    first = (await api.post("/employers", body)).json()
    duplicate = await api.post("/employers", body | {"uscc": body["uscc"].lower()})
    assert duplicate.status_code == 409 and duplicate.headers["content-type"] == "application/problem+json"
    assert body["uscc"] in duplicate.json()["detail"] and "uscc" not in duplicate.json()
    [error] = duplicate.json()["errors"]
    assert (error["field"], error["rule"], error["uscc"]) == ("uscc", "unique-uscc", body["uscc"])
    following = (await api.post("/employers", body | {"uscc": new_uscc()})).json()
    assert (first["certificate_number"], following["certificate_number"]) == ("110108000001", "110108000002")
    claims = api.container.runtime.db["certificate_sequences"].find({"scope": "110108"}, {"_id": 0, "n": 1, "owner": 1})
    assert sorted([(c["n"], c["owner"]) async for c in claims]) == [(1, first["id"]), (2, following["id"])]
    assert await api.container.runtime.db["employers"].count_documents({"uscc": body["uscc"]}) == 1


async def test_search_by_name_district_and_status_is_paged(api):
    for i in range(3):
        await api.post("/employers", {"name": f"朝阳检索公司{i}", "uscc": new_uscc(), "district_code": "110105"})
    await api.apply(name="朝阳检索申请中")
    page = (await api.get("/employers", name="朝阳检索", status="registered", size=2)).json()
    assert (page["total_count"], page["page"], page["size"], len(page["items"])) == (3, 1, 2, 2)
    rest = (await api.get("/employers", name="朝阳检索", status="registered", size=2, page=2)).json()
    assert {e["name"] for e in page["items"] + rest["items"]} == {f"朝阳检索公司{i}" for i in range(3)}
    assert (await api.get("/employers", name="检索公司1")).json()["total_count"] == 1  # any part of the name
    assert (await api.get("/employers", name="检")).json()["total_count"] == 4  # one character
    assert (await api.get("/employers", name="朝阳检索", status="applied")).json()["total_count"] == 1
    assert (await api.get("/employers", name="检索朝阳")).json()["total_count"] == 0  # its pairs, not the text
    assert (await api.get("/employers", district_code="110108")).json()["total_count"] == 1
    assert (await api.get("/employers", district_code="110105")).json()["total_count"] == 3
    assert (await api.get("/employers", status="nonsense")).status_code == 422
    assert (await api.get("/employers/nope")).status_code == 404
    assert (await api.get("/employers/" + "x" * 101)).status_code == 422  # a bounded path parameter


def _form(employer: dict) -> dict:
    return {k: employer[k] for k in ("name", "uscc", "district_code", "unit_type", "address")} | {
        "licence_date": employer["application"]["licence_date"]}


async def test_a_name_with_a_bidirectional_override_or_a_control_character_is_422_and_nothing_is_stored(api):
    for name in ("\u202e司公技科淀海", "海淀\x1b[31m科技"):
        response = await api.post("/employers", {"name": name, "uscc": new_uscc(), "district_code": "110108"})
        assert response.status_code == 422, name
        assert [(e["field"], e["rule"]) for e in response.json()["errors"]] == [("name", "printable-text")]
    assert await api.container.runtime.db["employers"].count_documents({}) == 0


async def test_an_officer_records_yesterdays_paper_application_and_review_with_on(api):
    employer = await api.apply(on="2026-11-19")
    application = employer["application"]
    assert (application["accepted_on"], application["decision_due"]) == ("2026-11-19", "2026-12-03")
    before_acceptance = await api.post(f"/employers/applications/{employer['id']}/review",
                                       {"decision": "approve", "on": "2026-11-18"})
    assert [(e["field"], e["rule"]) for e in before_acceptance.json()["errors"]] == [
        ("on", "review-after-acceptance")]
    reviewed = await api.post(f"/employers/applications/{employer['id']}/review",
                              {"decision": "approve", "on": "2026-11-19"})
    assert reviewed.json()["application"]["reviewed_on"] == "2026-11-19", reviewed.text
    registered = await api.post(f"/employers/applications/{employer['id']}/bank-account",
                                {"bank_name": "工商银行", "account_number": "0200", "receipt_date": "2026-11-19"})
    assert registered.json()["registered_on"] == "2026-11-20"  # no `on`: today in Beijing (the injected clock)


async def test_an_on_in_the_future_is_422_date_in_future_and_nothing_is_stored(api):
    tomorrow = await api.post("/employers", {"name": "明日公司", "uscc": new_uscc(), "district_code": "110108",
                                             "on": "2026-11-21"})
    assert tomorrow.status_code == 422
    assert [(e["field"], e["rule"]) for e in tomorrow.json()["errors"]] == [("on", "date-in-future")]
    assert await api.container.runtime.db["employers"].count_documents({}) == 0
    employer = await api.apply()
    late_review = await api.post(f"/employers/applications/{employer['id']}/review",
                                 {"decision": "approve", "on": "2026-11-21"})
    assert [(e["field"], e["rule"]) for e in late_review.json()["errors"]] == [("on", "date-in-future")]
    assert (await api.get(f"/employers/{employer['id']}")).json()["status"] == "applied"


async def test_an_application_stored_before_the_rename_reads_with_decision_due_and_is_listed_overdue(api):
    api.clock.today = date(2025, 9, 26)
    employer = await api.apply(licence_date="2025-09-20")
    employers = api.container.runtime.db["employers"]
    await employers.update_one({"_id": employer["id"]}, {"$set": {"application.review_due": "2025-10-16"},
                                                         "$unset": {"application.decision_due": ""}})
    assert "decision_due" not in (await employers.find_one({"_id": employer["id"]}))["application"]

    read = (await api.get(f"/employers/{employer['id']}")).json()
    assert read["application"]["decision_due"] == "2025-10-16" and "review_due" not in read["application"]
    api.clock.today = date(2025, 10, 17)
    overdue = (await api.get("/employers/applications", overdue="true")).json()
    assert [e["id"] for e in overdue["items"]] == [employer["id"]]


async def test_old_certificates_are_imported_with_their_numbers_and_never_issued_again(api):
    def row(number, **overrides):
        return {"name": f"老单位{number}", "uscc": new_uscc(), "district_code": "110101", "certificate_number": number,
                "registered_on": "2006-05-10"} | overrides

    taken = row("110101000001")
    response = await api.client.post("/api/v1/registry/employers/import", json=[
        row("110103000042"), taken, row("110101000001"), row("110110000001"), row("110104000007", uscc=taken["uscc"]),
        row("110104000008", registered_on="2027-01-01")])
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["received"], result["imported"]) == (6, 2)
    assert [(e["line"], e["rule"], e.get("article")) for e in result["errors"]] == [
        (3, "unique-certificate-number", "第十五条"), (4, "certificate-district", "第十五条"),
        (5, "unique-uscc", None), (6, "date-in-future", None)]
    old = (await api.get(f"/employers/{result['ids'][0]}")).json()
    assert (old["certificate_number"], old["district_code"], old["status"], old["registered_on"]) == (
        "110103000042", "110101", "registered", "2006-05-10")
    timeline = (await api.get(f"/employers/{result['ids'][0]}/events")).json()["items"]
    assert timeline[-1]["data"] == {"certificate_number": "110103000042", "retired_district": "崇文区"}
    released = await api.client.post("/api/v1/registry/employers/import", json=[row("110104000007")])
    assert released.json()["imported"] == 1  # the number a refused row claimed was given back

    new = await api.post("/employers", {"name": "东城新公司", "uscc": new_uscc(), "district_code": "110101"})
    assert new.status_code == 201 and new.json()["certificate_number"] == "110101000002", new.text
    retired = await api.post("/employers", {"name": "崇文新公司", "uscc": new_uscc(), "district_code": "110103"})
    assert retired.status_code == 422 and retired.json()["errors"][0]["rule"] == "beijing-district"
