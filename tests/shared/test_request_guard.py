"""What every process refuses before routing (`shared.request_guard`), through a real ASGI app: sizes, JSON depth,
storable text, and which request ids are kept."""
import json

import httpx
import pytest
from fastapi import FastAPI, Request

from shared import http
from shared.request_guard import MAX_JSON_DEPTH, json_depth


def app(max_body_bytes: int = 1000) -> FastAPI:
    application = FastAPI()
    http.install(application, max_body_bytes=max_body_bytes)

    @application.post("/echo")
    async def echo(request: Request) -> dict:
        return {"size": len(await request.body())}

    @application.post("/parse")
    async def parse(request: Request) -> dict:
        return {"keys": len(json.loads(await request.body()))}  # as the import endpoints do

    @application.get("/id")
    async def request_id(request: Request) -> dict:
        return {}

    return application


async def call(method: str, path: str, max_body_bytes: int = 1000, **kwargs) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app(max_body_bytes)), base_url="http://t") as client:
        return await client.request(method, path, **kwargs)


def nested(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def test_depth_counts_arrays_and_objects_and_skips_strings():
    assert json_depth(nested(40)) == 40
    assert json_depth(b'{"a": [{"b": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}]}') == 3
    text = json.dumps({"s": "[" * 100 + '\\"', "x": [[[1]]]}).encode()
    assert json_depth(text) == 4


async def test_json_nested_past_the_limit_is_422_naming_the_body_not_a_500():
    response = await call("POST", "/parse", content=nested(5000), max_body_bytes=100_000,
                          headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "body", "rule": "json-depth",
                                          "message": f"JSON may nest at most {MAX_JSON_DEPTH} levels deep"}]
    fine = await call("POST", "/parse", content=b'{"a": [[1]], "b": 2}', headers={"content-type": "application/json"})
    assert fine.json() == {"keys": 2}


async def test_a_body_over_the_limit_is_413_problem_and_at_the_limit_is_served():
    assert (await call("POST", "/echo", content=b"x" * 1000)).json() == {"size": 1000}
    response = await call("POST", "/echo", content=b"x" * 1001)
    assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"


async def test_headers_over_16_kib_are_431():
    response = await call("GET", "/id", headers={"X-Padding": "p" * 17000})
    assert response.status_code == 431 and response.json()["type"].endswith("headers-too-large")


@pytest.mark.parametrize("sent, kept", [("4bf92f3577b34da6a3ce929d0e0e4736", True), ("req-1:a/b=", True),
                                        ("x" * 3000, False), ("a b", False), ("<script>", False)])
async def test_a_request_id_is_kept_only_if_it_looks_like_one(sent, kept):
    echoed = (await call("GET", "/id", headers={"X-Request-ID": sent})).headers["x-request-id"]
    assert (echoed == sent) is kept and len(echoed) <= 128


async def test_malformed_json_names_the_body_not_a_byte_offset_as_the_field():
    from pydantic import BaseModel

    class Form(BaseModel):
        a: int

    application = app()

    @application.post("/form")
    async def form(body: Form) -> dict:
        return {}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(application), base_url="http://t") as client:
        response = await client.post("/form", content=b'{"a": 1,,}', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert [(e["field"], e["rule"]) for e in response.json()["errors"]] == [("body", "json-syntax")]
