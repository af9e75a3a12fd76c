"""Problem responses: a database that does not answer is a 503 with Retry-After, handled by its own class (not the
catch-all, after which Starlette re-raises to the server, which logs a traceback for every refused request)."""
import httpx
from fastapi import FastAPI

from shared import http
from shared.mongo import ServerSelectionTimeoutError


async def test_an_unanswering_database_is_a_503_problem_and_nothing_is_re_raised():
    app = FastAPI()
    http.install(app)

    @app.get("/down")
    async def down():
        raise ServerSelectionTimeoutError("127.0.0.1:27017: connection refused")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://svc") as client:
        response = await client.get("/down")  # the transport raises what the app re-raises
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
