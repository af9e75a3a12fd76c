"""Technology centres through the registry app on the real FerretDB and RabbitMQ: application rules as problems,
certification, evaluations, the re-application bar, and revocation when the employer is force-deregistered."""
import uuid

import pytest

from tests.support.runtime import until

pytestmark = pytest.mark.infra

FIGURES = {"main_revenue": "150000000.00", "st_spending": "5000000", "rd_staff": 50, "equipment_value": "5000000"}


def application(employer_id, **overrides):
    return {"employer_id": employer_id, "enterprise_name": "海淀科技有限公司", "applied_on": "2026-04-30",
            "centre_established_on": "2025-04-30", "figures": FIGURES} | overrides


async def certified(api, employer_id, **overrides):
    created = await api.post("/technology-centres/applications", application(employer_id, **overrides))
    assert created.status_code == 201, created.text
    decided = await api.post(f"/technology-centres/{employer_id}/decision",
                             {"certified": True, "decided_on": "2026-07-01"})
    assert decided.json()["status"] == "certified", decided.text
    return decided.json()


async def test_below_a_threshold_is_refused_naming_it_unless_an_officer_gives_a_reason(api):
    employer_id = (await api.registered())["id"]
    body = application(employer_id, figures=FIGURES | {"rd_staff": 49})
    refused = await api.post("/technology-centres/applications", body)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "figures.rd_staff"
    assert (await api.get(f"/technology-centres/{employer_id}")).status_code == 404
    no_reason = await api.post("/technology-centres/applications",
                               body | {"threshold_override": {"officer": "王科长", "reason": ""}})
    assert no_reason.status_code == 422
    relaxed = await api.post("/technology-centres/applications",
                             body | {"threshold_override": {"officer": "王科长", "reason": "国家重点扶持集成电路企业"}})
    assert relaxed.status_code == 201 and relaxed.json()["applications"][0]["override_officer"] == "王科长"


async def test_subsidiary_of_a_certified_parent_is_refused(api):
    parent = (await api.registered())["id"]
    await certified(api, parent)
    refused = await api.post("/technology-centres/applications",
                             application((await api.registered())["id"], parent_employer_id=parent))
    assert refused.json()["errors"][0]["rule"] == "subsidiary-of-certified-parent"


async def test_second_marginal_score_revokes_and_bars_two_years(api):
    employer_id = (await api.registered())["id"]
    await certified(api, employer_id)
    first = await api.post(f"/technology-centres/{employer_id}/evaluations",
                           {"year": 2027, "score": "65", "materials_submitted_on": "2027-04-20",
                            "evaluated_on": "2027-06-15"})
    assert first.status_code == 201 and first.json()["evaluations"][0]["warning"] is True
    assert first.json()["evaluations"][0]["score"] == "65.00"
    second = (await api.post(f"/technology-centres/{employer_id}/evaluations",
                             {"year": 2028, "score": "60", "materials_submitted_on": "2028-04-20",
                              "evaluated_on": "2028-06-15"})).json()
    assert second["status"] == "revoked" and second["barred_until"] == "2030-06-15"
    barred = await api.post("/technology-centres/applications",
                            application(employer_id, applied_on="2030-04-30"))
    assert barred.status_code == 409 and barred.json()["errors"][0]["rule"] == "reapplication-bar-2-years"
    evaluations = (await api.get(f"/technology-centres/{employer_id}/evaluations", size=1)).json()
    assert (evaluations["total_count"], evaluations["page"], evaluations["size"]) == (2, 1, 1)
    assert [e["score"] for e in evaluations["items"]] == ["65.00"]
    second_page = (await api.get(f"/technology-centres/{employer_id}/evaluations", size=1, page=2)).json()
    assert [(e["year"], e["score"], e["grade"]) for e in second_page["items"]] == [(2028, "60.00", "pass")]


async def test_force_deregistering_the_employer_revokes_its_centre(api, infra):
    runtime = api.container.runtime
    await until(lambda: runtime.publisher.ready and runtime.consumer.consuming, what="registry's consumer")
    employer = await api.registered()
    await certified(api, employer["id"])
    forced = await api.post(f"/employers/{employer['id']}/deregistration/forced", {"event_date": "2026-11-19"})
    assert forced.status_code == 200, forced.text

    async def revoked():
        centre = (await api.get(f"/technology-centres/{employer['id']}")).json()
        return centre if centre["status"] == "revoked" else None
    centre = await until(revoked, timeout=15, what="the centre revoked")
    assert centre["revocations"][0]["cause"] == "enterprise_terminated"
    assert "forced=True" in centre["revocations"][0]["detail"]


async def test_a_late_rename_is_marked_and_own_request_revokes_with_a_two_year_bar(api):
    employer_id = (await api.registered())["id"]
    await certified(api, employer_id)
    renamed = await api.post(f"/technology-centres/{employer_id}/changes",
                             {"kind": "rename", "effective_on": "2026-09-01", "reported_on": "2026-11-30",
                              "new_name": "海淀新科技有限公司"})
    assert renamed.status_code == 201 and renamed.json()["changes"][0]["late"] is True
    assert renamed.json()["enterprise_name"] == "海淀新科技有限公司"
    revoked = await api.post(f"/technology-centres/{employer_id}/revocation",
                             {"cause": "own_request", "revoked_on": "2026-12-01"})
    assert revoked.json()["status"] == "revoked" and revoked.json()["barred_until"] == "2028-12-01"
    again = await api.post(f"/technology-centres/{employer_id}/revocation",
                           {"cause": "own_request", "revoked_on": "2026-12-02"})
    assert again.status_code == 409


async def test_an_application_names_a_registered_employer_or_is_a_422_naming_the_field(api):
    unknown = await api.post("/technology-centres/applications", application(str(uuid.uuid4())))
    assert unknown.status_code == 422, unknown.text
    assert [(e["field"], e["rule"]) for e in unknown.json()["errors"]] == [("employer_id", "unknown-employer")]
    applying = await api.apply()  # accepted, not yet registered
    not_yet = await api.post("/technology-centres/applications", application(applying["id"]))
    assert [(e["field"], e["rule"]) for e in not_yet.json()["errors"]] == [("employer_id", "employer-registered")]
    assert (await api.get("/technology-centres")).json()["total_count"] == 0  # nothing stored


async def test_centres_are_listed_in_pages_filtered_by_status(api):
    certified_id = (await api.registered())["id"]
    await certified(api, certified_id)
    applied_id = (await api.registered())["id"]
    assert (await api.post("/technology-centres/applications", application(applied_id))).status_code == 201

    everything = (await api.get("/technology-centres")).json()
    assert everything["total_count"] == 2 and {c["id"] for c in everything["items"]} == {certified_id, applied_id}
    only = (await api.get("/technology-centres", status="certified")).json()
    assert (only["total_count"], [c["id"] for c in only["items"]]) == (1, [certified_id])
    paged = (await api.get("/technology-centres", size=1, page=2)).json()
    assert (paged["page"], paged["size"], paged["total_count"], len(paged["items"])) == (2, 1, 2, 1)
    assert (await api.get("/technology-centres", status="nonsense")).status_code == 422
    assert (await api.get("/technology-centres", size=201)).status_code == 422
