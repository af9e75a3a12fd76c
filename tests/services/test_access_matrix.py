"""Issue 9's matrix: employer A's token against employer B's ids on EVERY id-taking endpoint of EVERY service →
403 or 404, never served. The gate answers before routing, so no database is touched (and none is needed)."""
import importlib
import re

import httpx
import pytest

from services.contracts.main import create_app as contracts_app
from services.insurance.main import create_app as insurance_app
from services.markets.main import create_app as markets_app
from services.registry.main import create_app as registry_app
from services.workforce.main import create_app as workforce_app
from shared.auth import Role, Verifier
from shared.config import load_settings
from tests.shared.test_auth import JWK, FakeJwks, token

APPS = {"registry": registry_app, "insurance": insurance_app, "contracts": contracts_app,
        "markets": markets_app, "workforce": workforce_app}
EMPLOYER_A, EMPLOYER_B = "emp-A", "emp-B"


def secured(service: str):
    bootstrap = importlib.import_module(f"services.{service}.bootstrap").bootstrap
    app = APPS[service](bootstrap(load_settings(service, auth_required=True, namespace="matrix")))
    app.state.verifier = Verifier(FakeJwks(JWK))
    return app


def id_taking(app) -> list[tuple[str, str]]:
    """(method, path with every path parameter set to B's id) for every documented operation with a parameter."""
    return [(method.upper(), re.sub(r"\{[^}]+\}", EMPLOYER_B, path))
            for path, operations in app.openapi()["paths"].items() if "{" in path and path.startswith("/api/")
            for method in operations]


@pytest.mark.parametrize("service", sorted(APPS))
async def test_employer_a_never_reaches_employer_b_anywhere(service):
    app = secured(service)
    calls = id_taking(app)
    assert calls, f"{service} has no id-taking endpoint?"
    a_token = token(roles=[Role.EMPLOYER_USER], employer_id=EMPLOYER_A)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        for method, path in calls:
            response = await client.request(method, path, headers={"Authorization": f"Bearer {a_token}"}, json={})
            assert response.status_code in (403, 404), (method, path, response.status_code, response.text[:200])
            assert EMPLOYER_A not in response.text


@pytest.mark.parametrize("service", sorted(APPS))
async def test_without_a_token_every_api_route_is_401_when_tokens_are_required(service):
    app, policy = secured(service), importlib.import_module(f"services.{service}.adapters.access").ACCESS
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        for method, path in id_taking(app):
            response = await client.request(method, path, json={})
            public = policy.is_public(method, path)
            assert response.status_code == 401 or public, (method, path, response.status_code)
