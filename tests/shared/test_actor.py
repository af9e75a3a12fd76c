"""One way to know who is acting, one role check, for every route."""
import httpx
from fastapi import FastAPI

from shared import http
from shared.actor import CurrentActor, acting_as

Officer = acting_as("commerce_officer", "district_approver")


def app() -> FastAPI:
    application = FastAPI()
    http.install(application)

    @application.get("/who")
    async def who(actor: CurrentActor) -> dict:
        return {"user": actor.user, "role": actor.role, "employer": actor.employer_id}

    @application.post("/close")
    async def close(officer: Officer) -> dict:
        return {"closed_by": officer.user}

    return application


async def call(method: str, path: str, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app()), base_url="http://t") as client:
        return await client.request(method, path, headers=headers)


async def test_the_actor_comes_from_the_identity_headers_the_access_gate_sets():
    response = await call("GET", "/who", **{"X-Civic-User": " u1 ", "X-Civic-Role": "officer",
                                             "X-Civic-Employer": "e1"})
    assert response.json() == {"user": "u1", "role": "officer", "employer": "e1"}


async def test_without_headers_the_actor_is_anonymous():
    assert (await call("GET", "/who")).json() == {"user": None, "role": None, "employer": None}


async def test_a_role_alias_lets_its_roles_through_with_the_actor():
    response = await call("POST", "/close", **{"X-Civic-User": "o1", "X-Civic-Role": "district_approver"})
    assert response.status_code == 200 and response.json() == {"closed_by": "o1"}


async def test_another_role_or_no_user_is_403_problem_naming_the_roles():
    for headers in ({"X-Civic-User": "o1", "X-Civic-Role": "employer"}, {"X-Civic-Role": "commerce_officer"}):
        response = await call("POST", "/close", **headers)
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["roles"] == ["commerce_officer", "district_approver"]
