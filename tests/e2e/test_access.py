"""Production mode through real processes: the gateway AND each service require a valid token, and an employer
user sees only its own employer — in registry and in insurance — even when calling a service directly."""
import httpx
import pytest

from gateway.demo import DEMO_PASSWORD
from gateway.identity import Accounts, NewUser
from shared.auth import Role
from tests.e2e.flows import new_uscc
from tests.e2e.tokens import sign_in
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
REGISTRY, INSURANCE = "/api/v1/registry/employers", "/api/v1/insurance/accounts"


async def bearer(client: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD) -> dict:
    return {"Authorization": f"Bearer {await sign_in(client, username, password)}"}


async def test_tokens_roles_and_the_employer_scope_hold_at_the_gateway_and_at_each_service(secured_stack):
    async with httpx.AsyncClient(base_url=secured_stack.gateway, timeout=15) as gw:
        officer, auditor = await bearer(gw, "registry"), await bearer(gw, "auditor")
        body = {"name": "海淀区权限测试有限公司", "district_code": "110108"}
        assert (await gw.post(REGISTRY, json=body | {"uscc": new_uscc()})).status_code == 401
        own, other = [(await gw.post(REGISTRY, json=body | {"uscc": new_uscc()}, headers=officer)).json()
                      for _ in range(2)]
        accounts = Accounts(secured_stack.db("gateway")["users"], secured_stack.db("gateway")["clients"])
        await accounts.add_user(NewUser("unit-staff", "unit-password-1", [Role.EMPLOYER_USER], own["id"]))
        staff = await bearer(gw, "unit-staff", "unit-password-1")

        assert (await gw.get(f"{REGISTRY}/{own['id']}", headers=staff)).status_code == 200
        hidden = await gw.get(f"{REGISTRY}/{other['id']}", headers=staff)
        assert hidden.status_code == 404 and hidden.headers["content-type"] == "application/problem+json"
        assert (await gw.get(REGISTRY, headers=staff)).status_code == 403  # no listing of other units
        await until(lambda: _ok(gw.get(f"{INSURANCE}/{own['id']}", headers=staff)), timeout=30,
                    what="the unit's own account")
        assert (await gw.get(f"{INSURANCE}/{other['id']}", headers=staff)).status_code == 404
        forged = {"X-Civic-Role": "insurance-officer", "X-Civic-User": "mallory"}
        close = await gw.post("/api/v1/insurance/jobs/month-statements",
                              json={"month": "2026-10", "on": "2026-10-28"}, headers=staff | forged)
        assert close.status_code == 403

        assert (await gw.get(f"{REGISTRY}/{other['id']}", headers=auditor)).status_code == 200
        assert (await gw.post(REGISTRY, json=body | {"uscc": new_uscc()}, headers=auditor)).status_code == 403

    registry = f"http://127.0.0.1:{secured_stack.ports['registry']}"
    async with httpx.AsyncClient(base_url=registry, timeout=15) as direct:  # past the gateway
        assert (await direct.get(f"{REGISTRY}/{own['id']}", headers=forged)).status_code == 401
        assert (await direct.get(f"{REGISTRY}/{other['id']}", headers=staff)).status_code == 404
        assert (await direct.get(f"{REGISTRY}/{own['id']}", headers=staff)).status_code == 200
        assert (await direct.get("/health/ready")).status_code == 200


async def _ok(request) -> bool:
    return (await request).status_code == 200
