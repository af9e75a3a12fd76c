"""The services' OpenAPI documents their errors as the problem+json `shared.http` renders (no I/O)."""
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from shared import http, problem_docs
from shared.params import Year


class ThingIn(BaseModel):
    size: int


def an_app() -> FastAPI:
    app = FastAPI()

    @app.get("/api/v1/things/{thing_id}")
    async def read(thing_id: str) -> dict:
        return {"id": thing_id}

    @app.post("/api/v1/things/{year}", responses=problem_docs.problem_responses(413))
    async def create(year: Year, body: ThingIn) -> dict:
        return {"year": year}

    @app.get("/health/live")
    async def live() -> dict:
        return {}

    http.install(app)
    problem_docs.install(app)
    return app


def test_each_api_operation_documents_its_problems_as_problem_json():
    document = an_app().openapi()
    read = document["paths"]["/api/v1/things/{thing_id}"]["get"]["responses"]
    create = document["paths"]["/api/v1/things/{year}"]["post"]["responses"]
    assert set(read) == {"200", "401", "403", "404", "422", "503"}
    assert set(create) == {"200", "401", "403", "404", "409", "413", "422", "503"}
    assert list(create["422"]["content"]) == ["application/problem+json"]
    assert "errors" in create["422"]["content"]["application/problem+json"]["schema"]["properties"]
    assert set(document["paths"]["/health/live"]["get"]["responses"]) == {"200"}
    assert an_app().openapi() == document  # built once per app, the same every time


def test_an_out_of_range_year_is_a_422_naming_the_parameter():
    response = TestClient(an_app()).post("/api/v1/things/157962533", json={"size": 1})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["year"]
