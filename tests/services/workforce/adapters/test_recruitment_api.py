"""Open recruitment through the routes: vacancy, applications checked, scores, ranking, hire."""
from datetime import date

import pytest

from tests.services.workforce.adapters.conftest import TODAY
from tests.services.workforce.factory import resident_id
from tests.services.workforce.payloads import QUALIFICATION, rule_of, rules_of

pytestmark = [pytest.mark.infra, pytest.mark.usefixtures("known")]

VACANCY = {"employer_id": "street-1", "community_id": "c1", "post": "station_staff", "places": 1,
           "closing_date": "2026-10-31", "term_end": "2029-10-31"}


async def apply(api, vacancy_id, born, **overrides):
    body = {"name": "申请人", "resident_id": resident_id(born), "education": "bachelor", "hukou": "beijing_urban",
            "on": "2026-10-01"} | overrides
    response = await api.post(f"/vacancies/{vacancy_id}/applications", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def test_recruitment_from_vacancy_to_hire_by_ranking(api):
    vacancy = (await api.post("/vacancies", json=VACANCY)).json()
    base = f"/vacancies/{vacancy['id']}"
    first = await apply(api, vacancy["id"], date(1990, 1, 1))
    second = await apply(api, vacancy["id"], date(1992, 1, 1), certificates=[QUALIFICATION])
    too_old = await apply(api, vacancy["id"], date(1980, 1, 1), hukou="other")
    assert first["eligible"] and first["resident_id"].count("*") == 8
    assert {(f["field"], f["rule"]) for f in too_old["failed"]} == {("resident_id", "age-limit"),
                                                                    ("hukou", "beijing-urban-hukou")}
    scores = {"scores": [{"application_id": first["id"], "score": "78.5"},
                         {"application_id": second["id"], "score": "91"}]}
    ranked = (await api.put(f"{base}/scores", json=scores)).json()
    assert [(a["id"], a["score"]) for a in ranked] == [(second["id"], "91.00"), (first["id"], "78.50")]
    page = (await api.get(f"{base}/ranking")).json()
    assert (page["items"], page["total_count"]) == (ranked, 2)
    second_page = (await api.get(f"{base}/ranking", params={"size": 1, "page": 2})).json()
    assert [a["id"] for a in second_page["items"]] == [first["id"]]
    refused = await api.post(f"{base}/applications/{too_old['id']}/hire", json={"start_date": "2026-12-01"})
    assert refused.status_code == 422 and ("hukou", "beijing-urban-hukou") in rules_of(refused)
    not_best = await api.post(f"{base}/applications/{first['id']}/hire", json={"start_date": "2026-12-01"})
    assert not_best.status_code == 409 and rule_of(not_best) == "hire-by-ranking"
    assert not_best.json()["errors"][0]["open_places"] == 1
    hired = await api.post(f"{base}/applications/{second['id']}/hire", json={"start_date": "2026-12-01"})
    assert hired.status_code == 201 and hired.json()["posts"] == ["station_staff"]
    stored = (await api.get(base)).json()
    assert [a["worker_id"] for a in stored["applications"]] == [None, hired.json()["id"], None]


async def test_a_ranked_applicant_without_a_valid_certificate_is_hired_only_with_the_street_s_reason(api):
    """社区服务站建设管理办法 第二十一条: new station staff are expected to hold a valid certificate on the hiring date."""
    vacancy = (await api.post("/vacancies", json=VACANCY)).json()
    base = f"/vacancies/{vacancy['id']}"
    expired = QUALIFICATION | {"valid_until": "2026-11-30"}
    applicant = await apply(api, vacancy["id"], date(1991, 1, 1), certificates=[expired])
    await api.put(f"{base}/scores", json={"scores": [{"application_id": applicant["id"], "score": "80"}]})
    hire = f"{base}/applications/{applicant['id']}/hire"
    refused = await api.post(hire, json={"start_date": "2026-12-01"})
    assert refused.status_code == 422, refused.text
    [entry] = refused.json()["errors"]
    assert (entry["field"], entry["rule"], entry["hiring_date"]) == ("certificates", "station-staff-certificate",
                                                                    "2026-12-01")
    assert entry["article"].startswith("社区服务站建设管理办法 第二十一条")
    hired = await api.post(hire, json={"start_date": "2026-12-01", "certificate_exception": "资格证续期审核中"})
    assert hired.status_code == 201 and hired.json()["certificate_exception"] == "资格证续期审核中"
    archive = (await api.get(f"/workers/{hired.json()['id']}/archive")).json()
    assert {"on": "2026-12-01", "kind": "certificate_exception", "data": {"reason": "资格证续期审核中"}} in archive[
        "timeline"]


async def test_an_application_with_a_bad_resident_id_is_refused(api):
    vacancy = (await api.post("/vacancies", json=VACANCY)).json()
    response = await api.post(f"/vacancies/{vacancy['id']}/applications", json={
        "name": "x", "resident_id": "110108199001010010", "education": "college", "hukou": "beijing_urban",
        "on": "2026-10-01"})
    assert response.status_code == 422 and rules_of(response) == {("resident_id", "resident-id-check-digit")}


async def test_vacancies_are_listed_a_page_at_a_time_filtered_by_community_and_employer(api):
    opened = [(await api.post("/vacancies", json=VACANCY | {"community_id": c})).json()["id"] for c in ("c1", "c2")]
    every = (await api.get("/vacancies")).json()
    assert (every["total_count"], sorted(v["id"] for v in every["items"])) == (2, sorted(opened))
    in_c2 = (await api.get("/vacancies", params={"community_id": "c2", "employer_id": "street-1"})).json()
    assert [v["id"] for v in in_c2["items"]] == [opened[1]] and in_c2["total_count"] == 1
    assert (await api.get("/vacancies", params={"employer_id": "street-9"})).json()["items"] == []


async def test_a_vacancy_naming_an_unknown_employer_or_community_is_refused(api):
    response = await api.post("/vacancies", json=VACANCY | {"employer_id": "street-9", "community_id": "c9"})
    assert response.status_code == 422
    assert rules_of(response) == {("employer_id", "unknown-employer"), ("community_id", "unknown-community")}
    assert (await api.get("/vacancies")).json()["total_count"] == 0


async def test_an_application_without_a_date_is_filed_today_and_scores_keep_two_decimals(api):
    vacancy = (await api.post("/vacancies", json=VACANCY | {"closing_date": "2026-11-30"})).json()
    application = await apply(api, vacancy["id"], date(1990, 1, 1), on=None)
    assert application["filed_on"] == TODAY.isoformat()
    too_fine = await api.put(f"/vacancies/{vacancy['id']}/scores",
                             json={"scores": [{"application_id": application["id"], "score": "89.905"}]})
    assert too_fine.status_code == 422 and too_fine.headers["content-type"] == "application/problem+json"
