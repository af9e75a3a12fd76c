"""Every operation of every service declares who may call it (`shared.access.allow`, published as
`x-civic-access`), and every operation is called as every kind of caller with a real token, the answer compared
with the declaration: allowed (anything but 401/403), refused by access (403 `access-denied`), or another unit's
(404 "no employer <id>", the access layer's own words: a route's 404 for a missing record says something else).

The services run on the real database; a body of `{}` is enough, since access is decided before the body is read.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

import httpx
import pytest

from shared.access import ACCESS_KEY, OWN_UNIT
from shared.auth import Role, Verifier
from tests.shared.test_auth import JWK, FakeJwks, token

pytestmark = pytest.mark.infra
SERVICES = ("registry", "insurance", "contracts", "markets", "workforce")
UNIT_A, UNIT_B = "unit-A", "unit-B"
READS = {"GET", "HEAD"}
PEOPLE = sorted({Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER, Role.CONTRACTS_REGISTRAR, Role.REGISTRAR_HEAD,
                 Role.MANAGEMENT_OFFICE_DIRECTOR, Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER, Role.STREET_OFFICER,
                 Role.AUDITOR, Role.OPS})


@dataclass(frozen=True)
class Caller:
    name: str
    claims: dict
    unit_in_path: str | None = None  # the unit an employer user names in the path


def callers(service: str) -> list[Caller]:
    people = [Caller(role, {"roles": [role], "employer_id": None}) for role in PEOPLE]
    return people + [
        Caller("employer, own unit", {"roles": [Role.EMPLOYER_USER], "employer_id": UNIT_A}, UNIT_A),
        Caller("employer, another unit", {"roles": [Role.EMPLOYER_USER], "employer_id": UNIT_A}, UNIT_B),
        Caller("department system", {"roles": [Role.DEPARTMENT_SYSTEM], "client_id": "tax", "employer_id": None,
                                     "scope": f"{service}:read"}),
    ]


def operations(spec: dict) -> list[tuple[str, str, dict | None]]:
    return [(method.upper(), path, operation.get(ACCESS_KEY))
            for path, item in spec["paths"].items() if path.startswith("/api/")
            for method, operation in item.items() if isinstance(operation, dict)]


def expected(declared: dict, caller: Caller, method: str) -> set[str]:
    """The answers the declaration admits: another unit's records are refused or hidden, never served."""
    if declared.get("public"):
        return {"allowed"}
    roles = caller.claims["roles"]
    if Role.EMPLOYER_USER in roles:
        if caller.unit_in_path == UNIT_B and declared.get("employer") != OWN_UNIT:
            return {"hidden", "refused"}
        return {"allowed"} if declared.get("employer") else {"refused"}
    if Role.DEPARTMENT_SYSTEM in roles and declared.get("scope") not in (None, *caller.claims["scope"].split()):
        return {"refused"}  # an operation a department system calls only with a scope of its own
    if method in READS and (Role.AUDITOR in roles or Role.DEPARTMENT_SYSTEM in roles):
        return {"allowed"}
    return {"allowed"} if set(roles) & set(declared["roles"]) else {"refused"}


def answered(response: httpx.Response) -> str:
    body = response.json() if response.headers.get("content-type", "").endswith("json") else {}
    if response.status_code == 403 and body.get("type", "").endswith("/access-denied"):
        return "refused"
    if response.status_code == 404 and body.get("detail") == f"no employer {UNIT_B}":
        return "hidden"
    assert response.status_code not in (401, 403), (response.status_code, body)
    return "allowed"


def concrete(path: str, declared: dict, caller: Caller) -> str:
    """The path with the caller's unit (A, or B for "another unit") in the declared employer parameter, or in an
    `employer_id` where none is declared (so that the declaration, not the gate, decides), and "x1" elsewhere."""
    employer_param = declared.get("employer") if declared.get("employer") not in (None, OWN_UNIT) else "employer_id"

    def value(found: re.Match) -> str:
        return (caller.unit_in_path or UNIT_A) if found.group(1) == employer_param else "x1"

    return re.sub(r"\{([^}:]+)(?::[^}]*)?\}", value, path)


def secured_app(service: str, settings_for):
    bootstrap = importlib.import_module(f"services.{service}.bootstrap").bootstrap
    app = importlib.import_module(f"services.{service}.main").create_app(
        bootstrap(settings_for(service, auth_required=True)))
    app.state.verifier = Verifier(FakeJwks(JWK))
    return app


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_declares_who_may_call_it(service, settings_for):
    undeclared = [f"{m} {p}" for m, p, declared in operations(secured_app(service, settings_for).openapi())
                  if declared is None]
    assert undeclared == []


@pytest.mark.parametrize("service", SERVICES)
async def test_every_caller_gets_what_the_declaration_says_on_every_operation(service, settings_for):
    app = secured_app(service, settings_for)
    mismatches = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        for method, path, declared in operations(app.openapi()):
            if declared is None:  # reported by the test above
                continue
            for caller in callers(service):
                headers = {"Authorization": f"Bearer {token(**caller.claims)}"}
                response = await client.request(method, concrete(path, declared, caller), headers=headers, json={})
                want, got = expected(declared, caller, method), answered(response)
                if got not in want:
                    mismatches.append(f"{method} {path} as {caller.name}: declared {want}, answered {got} "
                                      f"({response.status_code} {response.text[:120]})")
    assert mismatches == []
