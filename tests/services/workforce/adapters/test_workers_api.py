"""Hiring, posts, assessment, training, archive and separation through the routes, on the real servers."""
from datetime import date

import pytest

from shared.events.workforce import WorkerHired, WorkerSeparated
from tests.services.workforce.adapters.conftest import TODAY, employer_deregistered, watching
from tests.services.workforce.factory import resident_id
from tests.services.workforce.payloads import hire_body, rule_of, rules_of
from tests.support.jobs import run_job

pytestmark = [pytest.mark.infra, pytest.mark.usefixtures("known")]


async def hire(api, person=None, **overrides):
    body = hire_body(**overrides)
    body["person"] |= person or {}
    response = await api.post("/workers", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_hire_publishes_worker_hired_and_answers_with_a_masked_id(api, infra):
    rid = resident_id(date(1990, 3, 7), male=False)
    async with watching(api, infra, WorkerHired.type) as published:
        worker = await hire(api, person={"resident_id": rid}, posts=["station_deputy_head"])
        [envelope] = await published(1)
    assert envelope.subject == worker["id"]
    assert envelope.data == {"worker_id": worker["id"], "employer_id": "street-1", "person_name": "李四",
                             "resident_id": rid, "gender": "female", "position": "deputy",
                             "start_date": "2020-03-01"}
    assert worker["tier"] == "deputy" and worker["status"] == "active"
    assert worker["resident_id"] == rid[:6] + "********" + rid[-4:]
    assert (await api.get(f"/workers/{worker['id']}")).json() == worker


async def test_a_hire_failing_conditions_lists_every_rule_and_stores_nothing(api):
    body = hire_body()
    body["person"] |= {"resident_id": resident_id(date(1970, 1, 1)), "education": "high_school", "hukou": "other"}
    response = await api.post("/workers", json=body)
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert rules_of(response) == {("person.resident_id", "age-limit"), ("person.education", "education-minimum"),
                                  ("person.hukou", "beijing-urban-hukou")}
    assert (await api.get("/workers")).json()["items"] == []


async def test_a_second_active_agreement_for_one_post_is_refused(api):
    await hire(api, posts=["station_head"], kind="elected")
    response = await api.post("/workers", json=hire_body(posts=["station_head", "committee_member"], kind="elected"))
    assert response.status_code == 409 and rule_of(response) == "one-active-agreement-per-post"
    assert (await api.get("/workers")).json()["total_count"] == 1


async def test_the_same_person_cannot_hold_two_active_agreements(api):
    rid = resident_id(date(1991, 1, 1))
    await hire(api, person={"resident_id": rid})
    body = hire_body(community_id="c2")
    body["person"] |= {"resident_id": rid}
    response = await api.post("/workers", json=body)
    assert response.status_code == 409 and rule_of(response) == "one-active-agreement-per-person"


async def test_assessment_objection_decision_training_and_the_archive(api):
    rid = resident_id(date(1992, 2, 2))
    base = f"/workers/{(await hire(api, person={'resident_id': rid}))['id']}"
    assessment = {"year": 2020, "grade": "good", "task_completion": 90, "satisfaction": 90,
                  "notified_on": "2021-01-10"}
    bad = await api.post(f"{base}/assessments", json=assessment)
    assert bad.status_code == 422 and rules_of(bad) == {("grade", "assessment-grade")}
    assert (await api.post(f"{base}/assessments", json=assessment | {"grade": "basic_pass"})).status_code == 201
    objection = {"on": "2021-01-12", "reason": "survey incomplete"}
    assert (await api.post(f"{base}/assessments/2020/objection", json=objection)).status_code == 201
    decided = await api.post(f"{base}/assessments/2020/decision", json={"on": "2021-01-20", "grade": "pass"},
                             headers={"X-Civic-User": "officer-7"})
    assert decided.status_code == 201
    late = await api.post(f"{base}/assessments/2020/objection", json=objection | {"on": "2021-01-25"})
    assert late.status_code == 409 and rule_of(late) == "objection-before-decision"
    training = {"year": 2020, "course": "社区治理", "completed_on": "2020-06-03", "outcome": "pass"}
    assert (await api.post(f"{base}/trainings", json=training)).status_code == 201
    again = await api.post(f"{base}/trainings", json=training)
    assert again.status_code == 409 and rule_of(again) == "one-central-course-a-year"
    assert again.json()["errors"][0] | {"message": ""} == {"field": "year", "rule": "one-central-course-a-year",
                                                          "message": "", "article": "北京市社区工作者管理办法 第六条(三)"}
    await api.post(f"{base}/posts", json={"posts": ["station_deputy_head"], "effective_on": "2021-03-01"})
    renewed = await api.post(f"{base}/agreements", json={"signed_on": "2023-02-01", "term_end": "2026-02-28"})
    assert renewed.status_code == 201 and renewed.json()["term_end"] == "2026-02-28"
    archive = (await api.get(f"{base}/archive")).json()
    assert archive["person"]["resident_id"] == rid
    assert [(e["kind"], e["on"]) for e in archive["timeline"]] == [
        ("certificate", "2000-01-01"), ("start", "2020-03-01"), ("training", "2020-06-03"), ("assessment", "2021-01-10"),
        ("objection", "2021-01-12"), ("objection_decision", "2021-01-20"), ("position_change", "2021-03-01"),
        ("agreement_renewed", "2023-02-01")]
    assert archive["timeline"][5]["data"] == {"year": 2020, "grade": "pass", "by": "officer-7"}


async def test_separation_publishes_worker_separated_and_frees_the_post(api, infra):
    rid = resident_id(date(1984, 4, 4))
    worker = await hire(api, person={"resident_id": rid}, posts=["station_head"], kind="elected")
    async with watching(api, infra, WorkerSeparated.type) as published:
        left = await api.post(f"/workers/{worker['id']}/separation", json={"reason": "resignation",
                                                                            "on": "2022-05-31"})
        [envelope] = await published(1)
    assert left.status_code == 200 and left.json()["status"] == "separated"
    assert envelope.data == {"worker_id": worker["id"], "employer_id": "street-1",
                             "resident_id": rid,
                             "reason": "resignation", "separated_on": "2022-05-31"}
    again = await api.post(f"/workers/{worker['id']}/separation", json={"reason": "dismissal", "on": "2022-06-01"})
    assert again.status_code == 409 and rule_of(again) == "worker-active"
    assert (await api.post("/workers", json=hire_body(posts=["station_head"], kind="elected"))).status_code == 201


async def test_the_daily_watcher_retires_a_recruited_woman_at_55_on_the_date_given(api):
    worker = await hire(api, person={"resident_id": resident_id(date(1971, 4, 2), male=False)},
                        start_date="2005-03-01", closing_date="2005-01-01", term_end="2030-01-01")
    assert (await run_job(api, "", "separation-watch", {"on": "2026-04-01"})).json()["separated"] == []
    after = (await run_job(api, "", "separation-watch", {"on": "2026-04-02"})).json()
    assert [(w["id"], w["separation_reason"], w["separated_on"]) for w in after["separated"]] == [
        (worker["id"], "retirement", "2026-04-02")]


async def test_workers_are_listed_a_page_at_a_time_filtered_by_community_employer_and_status(api):
    ids = [(await hire(api, person={"resident_id": resident_id(date(1988 + i, 1, 1))},
                       community_id=community))["id"] for i, community in enumerate(("c1", "c1", "c2"))]
    await api.post(f"/workers/{ids[1]}/separation", json={"reason": "resignation", "on": "2022-05-31"})
    first = (await api.get("/workers", params={"community_id": "c1", "size": 1})).json()
    assert (first["page"], first["size"], first["total_count"], len(first["items"])) == (1, 1, 2, 1)
    second = (await api.get("/workers", params={"community_id": "c1", "size": 1, "page": 2})).json()
    assert {first["items"][0]["id"], second["items"][0]["id"]} == set(ids[:2])
    active = (await api.get("/workers", params={"community_id": "c1", "status": "active"})).json()
    assert [w["id"] for w in active["items"]] == [ids[0]]
    by_employer = (await api.get("/workers", params={"employer_id": "street-1", "status": "active"})).json()
    assert by_employer["total_count"] == 2
    assert (await api.get("/workers", params={"employer_id": "street-9"})).json()["total_count"] == 0
    for bad in ({"status": "gone"}, {"size": 201}, {"page": 0}, {"community_id": "c" * 101}):
        response = await api.get("/workers", params=bad)
        assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json", bad


async def test_a_hire_naming_an_unknown_employer_or_community_is_refused_and_stores_nothing(api):
    response = await api.post("/workers", json=hire_body(employer_id="street-9", community_id="c9"))
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert rules_of(response) == {("employer_id", "unknown-employer"), ("community_id", "unknown-community")}
    assert (await api.get("/workers")).json()["total_count"] == 0
    worker = await hire(api)
    moved = await api.post(f"/workers/{worker['id']}/transfer", json={"community_id": "c9",
                                                                       "effective_on": "2026-06-02"})
    assert moved.status_code == 422 and rules_of(moved) == {("community_id", "unknown-community")}


async def test_a_deregistered_employer_is_refused_with_its_own_rule(api, infra, namespace):
    await employer_deregistered(api, infra, namespace)
    response = await api.post("/workers", json=hire_body())
    assert response.status_code == 422 and rules_of(response) == {("employer_id", "employer-deregistered")}
    assert response.json()["errors"][0]["deregistered_on"] == "2026-06-30"


async def test_a_separation_without_a_date_is_dated_today_in_beijing(api):
    worker = await hire(api)
    left = await api.post(f"/workers/{worker['id']}/separation", json={"reason": "resignation"})
    assert left.status_code == 200 and left.json()["separated_on"] == TODAY.isoformat()


async def test_a_path_parameter_out_of_bounds_is_a_422_naming_it(api):
    response = await api.get(f"/workers/{'w' * 101}")
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert "worker_id" in {e.get("field", "").split(".")[-1] for e in response.json()["errors"]}
    assert (await api.get("/workers/no-such-worker")).status_code == 404
