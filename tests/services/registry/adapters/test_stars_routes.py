"""Smart-community stars through the registry app on the real FerretDB: the calendar end to end, 4xx naming the
rule and the level allowed, nothing stored on a refusal, spot checks with history."""
import uuid

import pytest

from tests.services.registry.adapters.test_places_routes import registered

pytestmark = pytest.mark.infra


def application(community_id, **overrides):
    return {"community_id": community_id, "community_name": "学院路街道某社区", "round": "pilot",
            "indicators_met": 25, "mechanism": True, "requested_stars": 3, "applied_on": "2026-10-31"} | overrides


async def community_of(api, name: str = "学院路社区") -> str:
    return (await registered(api, name=name))["id"]


async def test_apply_recommend_evaluate_object_name_then_spot_check(api):
    community_id = await community_of(api)
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
    checks = (await api.get(f"/star-communities/{community_id}/spot-checks")).json()
    assert checks["total_count"] == 1 and checks["items"][0]["sanction"] == "revoke"


async def test_a_level_the_counts_do_not_allow_is_a_problem_naming_the_rule_and_level_nothing_stored(api):
    community_id = await community_of(api)
    refused = await api.post("/star-applications", application(community_id, indicators_met=24))
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert "allowed_stars" not in body and "rule" not in body  # facts go inside the error entry
    [error] = body["errors"]
    assert (error["field"], error["rule"], error["allowed_stars"]) == ("requested_stars", "pilot-3-stars-needs-25", 2)
    assert error["article"] == "第十三条" and "allowed is 2" in body["detail"]
    assert (await api.get(f"/star-communities/{community_id}")).status_code == 404


async def test_outside_the_calendar_is_a_problem(api):
    late = await api.post("/star-applications", application(await community_of(api), applied_on="2026-11-01"))
    assert late.status_code == 422 and late.json()["errors"][0]["rule"] == "apply-by-31-oct"
    assert late.json()["errors"][0]["article"] == "第十四条第1项"
    created = (await api.post("/star-applications", application(await community_of(api, "二里庄社区")))).json()
    late_recommendation = await api.post(f"/star-applications/{created['id']}/recommendation",
                                         {"recommended": True, "recommended_on": "2026-11-16"})
    assert late_recommendation.json()["errors"][0]["rule"] == "recommend-by-15-nov"
    read = await api.get(f"/star-applications/{created['id']}")
    assert read.status_code == 200 and read.json() == created, "the refused recommendation changed nothing"
    assert (await api.get("/star-applications/nope")).status_code == 404


async def test_an_application_names_a_community_registry_keeps_and_not_an_abolished_one(api):
    unknown = await api.post("/star-applications", application(str(uuid.uuid4())))
    assert unknown.status_code == 422, unknown.text
    assert [(e["field"], e["rule"]) for e in unknown.json()["errors"]] == [("community_id", "unknown-community")]
    gone = await community_of(api, "已撤销社区")
    assert (await api.post(f"/communities/{gone}/abolish", {"effective_on": "2026-08-01"})).status_code == 200
    abolished = await api.post("/star-applications", application(gone))
    assert [(e["field"], e["rule"]) for e in abolished.json()["errors"]] == [("community_id", "community-abolished")]
    assert (await api.get("/star-applications")).json()["total_count"] == 0  # nothing stored
    named_as_registered = await api.post("/star-applications",
                                         application(await community_of(api, "清华园社区"), community_name=None))
    assert named_as_registered.json()["community_name"] == "清华园社区"


async def test_a_second_application_in_a_year_is_a_409_naming_its_rule(api):
    community_id = await community_of(api)
    assert (await api.post("/star-applications", application(community_id))).status_code == 201
    again = await api.post("/star-applications", application(community_id, applied_on="2026-10-30"))
    assert again.status_code == 409 and "year" not in again.json()
    [error] = again.json()["errors"]
    assert (error.get("field"), error["rule"], error["year"], error["article"]) == (
        None, "one-application-a-year", 2026, "第十四条")


async def test_applications_and_star_communities_are_listed_in_pages_with_filters(api):
    first, second = await community_of(api, "甲社区"), await community_of(api, "乙社区")
    a = (await api.post("/star-applications", application(first, applied_on="2026-10-01"))).json()
    b = (await api.post("/star-applications", application(second, applied_on="2026-10-02"))).json()
    assert (await api.post(f"/star-applications/{a['id']}/recommendation",
                           {"recommended": True, "recommended_on": "2026-11-10"})).status_code == 200

    everything = (await api.get("/star-applications")).json()
    assert [x["id"] for x in everything["items"]] == [a["id"], b["id"]] and everything["total_count"] == 2
    recommended = (await api.get("/star-applications", status="recommended")).json()
    assert [x["id"] for x in recommended["items"]] == [a["id"]] and recommended["total_count"] == 1
    of_second = (await api.get("/star-applications", community_id=second, status="applied")).json()
    assert [x["id"] for x in of_second["items"]] == [b["id"]]
    assert (await api.get("/star-applications", year=2025)).json()["total_count"] == 0
    page_two = (await api.get("/star-applications", size=1, page=2)).json()
    assert ([x["id"] for x in page_two["items"]], page_two["total_count"]) == ([b["id"]], 2)
    assert (await api.get("/star-applications", status="unknown")).status_code == 422

    communities = (await api.get("/star-communities")).json()
    assert {c["id"] for c in communities["items"]} == {first, second} and communities["total_count"] == 2
    assert (await api.get("/star-communities", stars=0)).json()["total_count"] == 2
    assert (await api.get("/star-communities", stars=3)).json()["total_count"] == 0
    assert (await api.get("/star-communities", stars=6)).status_code == 422


async def named_in(api, community_id, year):
    created = await api.post("/star-applications", application(community_id, applied_on=f"{year}-10-01"))
    assert created.status_code == 201, created.text
    app_id = created.json()["id"]
    for step, body in (("recommendation", {"recommended": True, "recommended_on": f"{year}-11-10"}),
                       ("evaluation", {"approved": True, "evaluated_on": f"{year}-11-20",
                                       "notice_from": f"{year}-11-21"}),
                       ("naming", {"named_on": f"{year}-11-28"})):
        assert (await api.post(f"/star-applications/{app_id}/{step}", body)).status_code == 200


async def test_once_every_community_holds_a_title_rounds_run_every_2_years(api):
    only = await community_of(api, "覆盖社区")
    assert (await api.get("/star-rounds/2025")).json()["cycle"] == "yearly"
    await named_in(api, only, 2025)
    round_2026 = (await api.get("/star-rounds/2026")).json()
    assert round_2026 | {"spot_check_missing": None} == {
        "year": 2026, "cycle": "biennial", "round_open": False, "next_round": 2027, "covered_since": 2025,
        "communities_count": 1, "titled_count": 1, "spot_checks_count": 0, "spot_check_missing": None}
    refused = await api.post("/star-applications", application(only, round="standard", indicators_met=55,
                                                                 requested_stars=4, applied_on="2026-10-01"))
    assert refused.status_code == 422, refused.text
    assert [(e["rule"], e["article"], e["next_round"]) for e in refused.json()["errors"]] == [
        ("upgrade-round-every-2-years", "第十条", 2027)]
    assert (await api.get("/star-rounds/2027")).json()["round_open"] is True

    await community_of(api, "新设社区")  # a new community without a title: yearly rounds again
    assert (await api.get("/star-rounds/2026")).json() == round_2026 | {
        "cycle": "yearly", "round_open": True, "next_round": 2026, "covered_since": None, "communities_count": 2}


async def test_a_year_of_named_communities_without_a_spot_check_is_an_overdue_case(api):
    community_id = await community_of(api, "抽查社区")
    await named_in(api, community_id, 2025)
    assert (await api.get("/star-rounds/2026")).json()["spot_check_missing"] is True
    [case] = (await api.get("/overdue-cases", kind="star-spot-check")).json()["items"]
    assert (case["year"], case["due"], case["rule"], case["article"]) == (
        2025, "2025-12-31", "spot-check-every-year", "第十九条")
    checked = await api.post(f"/star-communities/{community_id}/spot-checks",
                             {"checked_on": "2025-12-20", "findings": "良好", "sanction": "none"})
    assert checked.status_code == 201, checked.text
    assert (await api.get("/overdue-cases", kind="star-spot-check")).json()["total_count"] == 0
    assert (await api.get("/star-rounds/2025")).json()["spot_checks_count"] == 1
