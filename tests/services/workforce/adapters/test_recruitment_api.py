"""Open recruitment through the routes: vacancy, applications checked, scores, ranking, hire."""
from datetime import date

import pytest

from tests.services.workforce.factory import resident_id
from tests.services.workforce.payloads import rules_of

pytestmark = pytest.mark.infra

VACANCY = {"employer_id": "street-1", "community_id": "c1", "post": "station_staff", "places": 1,
           "closing_date": "2026-10-31", "term_end": "2029-10-31"}


async def apply(api, vacancy_id, born, **overrides):
    body = {"name": "申请人", "resident_id": resident_id(born), "education": "bachelor", "hukou": "beijing_urban",
            "filed_on": "2026-10-01"} | overrides
    response = await api.post(f"/vacancies/{vacancy_id}/applications", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def test_recruitment_from_vacancy_to_hire_by_ranking(api):
    vacancy = (await api.post("/vacancies", json=VACANCY)).json()
    base = f"/vacancies/{vacancy['id']}"
    first = await apply(api, vacancy["id"], date(1990, 1, 1))
    second = await apply(api, vacancy["id"], date(1992, 1, 1))
    too_old = await apply(api, vacancy["id"], date(1980, 1, 1), hukou="other")
    assert first["eligible"] and first["resident_id"].count("*") == 8
    assert {(f["field"], f["rule"]) for f in too_old["failed"]} == {("resident_id", "age-limit"),
                                                                    ("hukou", "beijing-urban-hukou")}
    scores = {"scores": [{"application_id": first["id"], "score": "78.5"},
                         {"application_id": second["id"], "score": "91"}]}
    ranked = (await api.put(f"{base}/scores", json=scores)).json()
    assert [a["id"] for a in ranked] == [second["id"], first["id"]]
    assert (await api.get(f"{base}/ranking")).json() == ranked
    refused = await api.post(f"{base}/applications/{too_old['id']}/hire", json={"start_date": "2026-12-01"})
    assert refused.status_code == 422 and ("hukou", "beijing-urban-hukou") in rules_of(refused)
    not_best = await api.post(f"{base}/applications/{first['id']}/hire", json={"start_date": "2026-12-01"})
    assert not_best.status_code == 409 and not_best.json()["rule"] == "hire-by-ranking"
    hired = await api.post(f"{base}/applications/{second['id']}/hire", json={"start_date": "2026-12-01"})
    assert hired.status_code == 201 and hired.json()["posts"] == ["station_staff"]
    stored = (await api.get(base)).json()
    assert [a["worker_id"] for a in stored["applications"]] == [None, hired.json()["id"], None]


async def test_an_application_with_a_bad_resident_id_is_refused(api):
    vacancy = (await api.post("/vacancies", json=VACANCY)).json()
    response = await api.post(f"/vacancies/{vacancy['id']}/applications", json={
        "name": "x", "resident_id": "110108199001010010", "education": "college", "hukou": "beijing_urban",
        "filed_on": "2026-10-01"})
    assert response.status_code == 422 and rules_of(response) == {("resident_id", "resident-id-check-digit")}
