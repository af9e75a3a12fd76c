"""Smart-community stars through the registry app on the real FerretDB: the calendar end to end, 4xx naming the
rule and the level allowed, nothing stored on a refusal, spot checks with history."""
import uuid

import pytest

pytestmark = pytest.mark.infra


def application(community_id, **overrides):
    return {"community_id": community_id, "community_name": "学院路街道某社区", "round": "pilot",
            "indicators_met": 25, "mechanism": True, "requested_stars": 3, "applied_on": "2026-10-31"} | overrides


async def test_apply_recommend_evaluate_object_name_then_spot_check(api):
    community_id = str(uuid.uuid4())
    created = await api.post("/star-applications", application(community_id))
    assert created.status_code == 201, created.text
    app_id = created.json()["id"]
    assert (await api.post(f"/star-applications/{app_id}/recommendation",
                           {"recommended": True, "recommended_on": "2026-11-15"})).status_code == 200
    evaluated = await api.post(f"/star-applications/{app_id}/evaluation",
                               {"approved": True, "evaluated_on": "2026-11-30", "notice_from": "2026-12-01"})
    assert evaluated.json()["notice_last_day"] == "2026-12-07"
    assert (await api.post(f"/star-applications/{app_id}/objections",
                           {"submitted_on": "2026-12-07", "text": "数据不实"})).status_code == 201
    early = await api.post(f"/star-applications/{app_id}/naming", {"named_on": "2026-12-07"})
    assert early.status_code == 422 and early.json()["errors"][0]["rule"] == "notice-7-days"
    named = await api.post(f"/star-applications/{app_id}/naming", {"named_on": "2026-12-08"})
    assert named.json()["status"] == "named" and named.json()["community_stars"] == 3
    check = await api.post(f"/star-communities/{community_id}/spot-checks",
                           {"checked_on": "2027-06-01", "findings": "水平严重滑坡", "sanction": "revoke"})
    assert check.status_code == 201 and check.json()["stars"] == 0
    record = (await api.get(f"/star-communities/{community_id}")).json()
    assert [(h["what"], h["stars_after"]) for h in record["history"]] == [("named", 3), ("sanction:revoke", 0)]
    assert len((await api.get(f"/star-communities/{community_id}/spot-checks")).json()) == 1


async def test_a_level_the_counts_do_not_allow_is_a_problem_naming_the_rule_and_level_nothing_stored(api):
    community_id = str(uuid.uuid4())
    refused = await api.post("/star-applications", application(community_id, indicators_met=24))
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert body["allowed_stars"] == 2 and body["rule"] == "pilot-3-stars-needs-25"
    assert body["errors"][0]["field"] == "requested_stars" and "allowed is 2" in body["detail"]
    assert (await api.get(f"/star-communities/{community_id}")).status_code == 404


async def test_outside_the_calendar_is_a_problem(api):
    late = await api.post("/star-applications", application(str(uuid.uuid4()), applied_on="2026-11-01"))
    assert late.status_code == 422 and late.json()["errors"][0]["rule"] == "apply-by-31-oct"
    created = (await api.post("/star-applications", application(str(uuid.uuid4())))).json()
    late_recommendation = await api.post(f"/star-applications/{created['id']}/recommendation",
                                         {"recommended": True, "recommended_on": "2026-11-16"})
    assert late_recommendation.json()["errors"][0]["rule"] == "recommend-by-15-nov"
    assert (await api.get("/star-applications/nope")).status_code == 404
