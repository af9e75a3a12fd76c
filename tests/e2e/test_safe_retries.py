"""A portal retries an insurance fine through the gateway with real tokens and one `Idempotency-Key`: one fine,
the first answer twice; the key is the caller's own; a browser portal may send the header and read the marker."""
import json
import uuid

import httpx
import pytest

from tests.e2e.conftest import start_stack
from tests.e2e.flows import account_of, register_employer
from tests.e2e.tokens import DemoTokens, sign_in

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
PORTAL = "https://portal.example"
FINE = {"offence": "declaration", "severity": "serious", "amount": "1000.00", "imposed_on": "2026-12-01",
        "reason": "wage bases not declared"}


@pytest.fixture
def portal_stack(infra, namespace, tmp_path):
    """Production mode (tokens required, the demo accounts seeded), with a browser portal's origin allowed."""
    live = start_stack(infra, namespace, tmp_path, CIVIC_AUTH_REQUIRED="true", CIVIC_SEED_DEMO="true",
                       CIVIC_CORS_ORIGINS=json.dumps([PORTAL]))
    yield live
    live.stack.stop()


async def test_a_retried_fine_is_imposed_once_and_answered_twice_the_same(portal_stack):
    async with httpx.AsyncClient(base_url=portal_stack.gateway, timeout=30,
                                 auth=DemoTokens(portal_stack.gateway)) as client:
        unit = (await register_employer(client))["id"]
        await account_of(client, unit)
        fines = f"/api/v1/insurance/accounts/{unit}/fines"
        key = {"Idempotency-Key": f'"{uuid.uuid4()}"'}

        first = await client.post(fines, json=FINE, headers=key)
        retried = await client.post(fines, json=FINE, headers=key)
        assert first.status_code == retried.status_code == 201, (first.text, retried.text)
        assert retried.json() == first.json() and retried.headers["idempotent-replayed"] == "true"
        assert "idempotent-replayed" not in first.headers
        assert await portal_stack.db("insurance")["fines"].count_documents({}) == 1

        other = await client.post(fines, json=FINE | {"amount": "1500.00"}, headers=key)
        assert other.status_code == 422 and other.headers["content-type"] == "application/problem+json"
        assert [(e["field"], e["rule"]) for e in other.json()["errors"]] == [("Idempotency-Key",
                                                                             "idempotency-key-reused")]
        async with httpx.AsyncClient(base_url=portal_stack.gateway, timeout=30) as gateway:
            ops = {"Authorization": f"Bearer {await sign_in(gateway, 'ops')}"}
            # the same key from another caller is that caller's own: no replay of the officer's fine to ops
            refused = await gateway.post(fines, json=FINE, headers=key | ops)
            assert refused.status_code == 403 and "idempotent-replayed" not in refused.headers
        assert await portal_stack.db("insurance")["fines"].count_documents({}) == 1

        document = (await client.get("/openapi.json")).json()
        operation = document["paths"]["/api/v1/insurance/accounts/{employer_id}/fines"]["post"]
        assert "Idempotency-Key" in [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert {"409", "422"} <= set(operation["responses"])


async def test_a_browser_portal_may_send_the_key_and_read_the_replay_marker(portal_stack):
    async with httpx.AsyncClient(base_url=portal_stack.gateway, timeout=30) as gateway:
        preflight = await gateway.options("/api/v1/insurance/accounts/x/fines", headers={
            "Origin": PORTAL, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key"})
        assert preflight.status_code == 200
        assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
        answer = await gateway.post("/api/v1/insurance/accounts/x/fines", json=FINE,
                                    headers={"Origin": PORTAL, "Idempotency-Key": "k"})
        assert answer.status_code == 401  # no token: nothing forwarded, but the browser may read the headers
        assert "idempotent-replayed" in answer.headers["access-control-expose-headers"].lower()
