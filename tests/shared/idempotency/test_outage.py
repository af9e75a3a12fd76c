"""The key store down: a request with a key is a 503 problem with `Retry-After` (the middleware sits outside the
app's own error handlers, so it answers as they would: never a 500); one without a key is served as before."""
import httpx
from fastapi import FastAPI
from pymongo.errors import ServerSelectionTimeoutError

from shared import http
from shared.idempotency.middleware import IdempotencyMiddleware


class DownStore:
    async def begin(self, *args):
        raise ServerSelectionTimeoutError("no servers")


async def test_a_key_store_that_does_not_answer_is_a_503_problem_and_the_route_does_not_run():
    app, ran = FastAPI(), []

    @app.post("/api/v1/insurance/things", status_code=201)
    async def make() -> dict:
        ran.append(1)
        return {}

    app.add_middleware(IdempotencyMiddleware, store=DownStore())
    http.install(app)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        down = await client.post("/api/v1/insurance/things", json={}, headers={"Idempotency-Key": "k"})
        assert down.status_code == 503 and down.headers["retry-after"] == "5"
        assert down.headers["content-type"] == "application/problem+json" and ran == []
        assert (await client.post("/api/v1/insurance/things", json={})).status_code == 201 and ran == [1]
