"""The access gate every service installs: who may call what, and identity headers only from the token."""
import httpx
import pytest
from fastapi import FastAPI, Header

from shared.access import AccessGate, AccessPolicy, decide
from shared.auth import Principal, Role, Verifier
from tests.shared.test_auth import JWK, FakeJwks, token

POLICY = AccessPolicy(
    service="insurance",
    writers=frozenset({Role.INSURANCE_OFFICER}), readers=frozenset({Role.REGISTRY_OFFICER}),
    employer_paths=(r"/api/v1/insurance/accounts/(?P<employer_id>[^/]+)(/.*)?",),
    employer_submissions=(r"/api/v1/insurance/declarations",), public_paths=(r"/api/v1/insurance/notices",),
    employer_scoped=(("GET", r"/api/v1/insurance/receipts/[^/]+"),))
ACCOUNT = "/api/v1/insurance/accounts/E-A/members"


def person(*roles, employer_id=None):
    return Principal("u", frozenset(roles), employer_id)


@pytest.mark.parametrize("method,path,expected", [
    ("GET", ACCOUNT, None), ("POST", ACCOUNT, None),
    ("GET", "/api/v1/insurance/accounts/E-B/members", 404),
    ("GET", "/api/v1/insurance/accounts", 403), ("POST", "/api/v1/insurance/cycles/2026-11/close", 403),
    ("POST", "/api/v1/insurance/declarations", None), ("GET", "/api/v1/insurance/declarations", 403),
    ("GET", "/api/v1/insurance/receipts/R-1", None), ("POST", "/api/v1/insurance/receipts/R-1", 403)])
def test_an_employer_user_reaches_only_its_own_employer(method, path, expected):
    refusal = decide(POLICY, person(Role.EMPLOYER_USER, employer_id="E-A"), method, path)
    assert (refusal.status if refusal else None) == expected


def test_an_auditor_reads_everything_and_changes_nothing():
    auditor = person(Role.AUDITOR)
    assert decide(POLICY, auditor, "GET", "/api/v1/insurance/accounts/E-B") is None
    assert decide(POLICY, auditor, "POST", ACCOUNT).status == 403


def test_readers_read_writers_write_and_other_officers_neither():
    assert decide(POLICY, person(Role.REGISTRY_OFFICER), "GET", ACCOUNT) is None
    assert decide(POLICY, person(Role.REGISTRY_OFFICER), "POST", ACCOUNT).status == 403
    assert decide(POLICY, person(Role.INSURANCE_OFFICER), "POST", ACCOUNT) is None
    refused = decide(POLICY, person(Role.STREET_OFFICER), "GET", ACCOUNT)
    assert refused.status == 403 and "insurance-officer" in refused.detail


def test_a_department_system_reads_with_its_scope_and_never_writes():
    system = Principal("c", client_id="tax", scopes=frozenset({"insurance:read"}))
    assert decide(POLICY, system, "GET", ACCOUNT) is None
    assert decide(POLICY, system, "POST", ACCOUNT).status == 403
    assert decide(POLICY, Principal("c", client_id="tax", scopes=frozenset({"registry:read"})), "GET",
                  ACCOUNT).status == 403


def test_a_department_system_makes_the_calls_listed_for_a_scope_of_its_own_writes_included():
    policy = AccessPolicy(service="contracts", department_scoped=(
        ("GET", r"/api/v1/contracts/tax-notifications", "contracts:tax-notifications"),
        ("POST", r"/api/v1/contracts/tax-notifications/[^/]+/acknowledgement", "contracts:tax-notifications")))
    tax = Principal("c", client_id="tax", scopes=frozenset({"contracts:tax-notifications"}))
    acknowledgement = "/api/v1/contracts/tax-notifications/n-1/acknowledgement"
    assert decide(policy, tax, "GET", "/api/v1/contracts/tax-notifications") is None
    assert decide(policy, tax, "POST", acknowledgement) is None
    assert decide(policy, tax, "GET", "/api/v1/contracts/contracts").status == 403  # no contracts:read
    reader = Principal("c", client_id="other", scopes=frozenset({"contracts:read"}))
    assert decide(policy, reader, "GET", "/api/v1/contracts/tax-notifications") is None
    refused = decide(policy, reader, "POST", acknowledgement)
    assert refused.status == 403 and refused.problem()["errors"][0]["scopes"] == ["contracts:tax-notifications"]


async def test_a_department_systems_token_as_the_gateway_issues_it_reads_exactly_its_scopes(tmp_path):
    """The demo client's real token, signed by the gateway and verified as a service does: its `department-system`
    role must not hide that it is a scoped client."""
    from gateway.demo import DEMO_CLIENT
    from gateway.identity import Account, TokenIssuer
    from gateway.keys import KeyStore
    from shared.auth import AUDIENCE, ISSUER

    keys = KeyStore.load_or_create(tmp_path)
    account = Account(DEMO_CLIENT.client_id, (Role.DEPARTMENT_SYSTEM,), scopes=tuple(DEMO_CLIENT.scopes),
                      client_id=DEMO_CLIENT.client_id)
    token = TokenIssuer(keys, ISSUER, AUDIENCE, 60).issue(account)["access_token"]

    async def jwks(force: bool = False) -> dict:
        return keys.jwks()

    system = await Verifier(jwks).verify(token)
    registry = AccessPolicy("registry", readers=frozenset({Role.REGISTRY_OFFICER}))
    assert decide(registry, system, "GET", "/api/v1/registry/employers") is None
    assert decide(registry, system, "POST", "/api/v1/registry/employers").status == 403
    assert decide(POLICY, system, "GET", ACCOUNT).status == 403  # it has no insurance:read


def gated_app(required: bool) -> FastAPI:
    app = FastAPI()
    app.state.verifier = Verifier(FakeJwks(JWK))

    @app.api_route("/api/v1/insurance/{rest:path}", methods=["GET", "POST"])
    async def echo(rest: str, x_civic_user: str | None = Header(None), x_civic_role: str | None = Header(None),
                   x_civic_employer: str | None = Header(None)):
        return {"user": x_civic_user, "role": x_civic_role, "employer": x_civic_employer}

    app.add_middleware(AccessGate, policy=POLICY, required=required)
    return app


async def call(app, method, path, bearer=None, **headers):
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as client:
        return await client.request(method, path, headers=headers)


async def test_identity_headers_come_from_the_token_and_what_the_client_sent_is_dropped():
    officer = token(sub="wang", roles=[Role.INSURANCE_OFFICER], employer_id=None)
    response = await call(gated_app(True), "POST", ACCOUNT, officer, **{"X-Civic-Role": "superuser",
                                                                       "X-Civic-User": "mallory"})
    assert response.json() == {"user": "wang", "role": Role.INSURANCE_OFFICER, "employer": None}


async def test_required_without_a_token_is_401_problem_json_except_public_reads():
    app = gated_app(True)
    refused = await call(app, "GET", ACCOUNT)
    assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert (await call(app, "GET", "/api/v1/insurance/notices")).status_code == 200
    assert (await call(app, "POST", "/api/v1/insurance/notices")).status_code == 401


async def test_not_required_a_request_without_token_keeps_its_headers_but_a_bad_token_is_still_401():
    app = gated_app(False)
    served = await call(app, "GET", ACCOUNT, **{"X-Civic-User": "dev"})
    assert served.json()["user"] == "dev"
    assert (await call(app, "GET", ACCOUNT, "not-a-jwt")).status_code == 401


async def test_another_employers_account_is_404_and_own_is_served_with_the_employer_header():
    app = gated_app(True)
    employer_token = token()  # employer user bound to E-A
    assert (await call(app, "GET", "/api/v1/insurance/accounts/E-B", employer_token)).status_code == 404
    own = await call(app, "GET", "/api/v1/insurance/accounts/E-A", employer_token)
    assert own.status_code == 200 and own.json()["employer"] == "E-A"


def test_a_public_page_serves_every_caller_with_a_token_too():
    public = AccessPolicy("markets", writers=frozenset({Role.COMMERCE_OFFICER}),
                          public_paths=(r"/api/v1/markets/[^/]+/food-safety",))
    for caller in (Principal("e", roles=frozenset({Role.EMPLOYER_USER}), employer_id="E-A"),
                   Principal("i", roles=frozenset({Role.INSURANCE_OFFICER}))):
        assert decide(public, caller, "GET", "/api/v1/markets/m1/food-safety") is None
        assert decide(public, caller, "GET", "/api/v1/markets/m1").status == 403


def test_routes_see_the_platform_role_a_token_acts_in_first_the_declared_order_then_writers_then_readers():
    both = person(Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER)
    assert POLICY.acting_role(both) == Role.INSURANCE_OFFICER  # a writer's role before a reader's
    assert POLICY.acting_role(person(Role.REGISTRY_OFFICER)) == Role.REGISTRY_OFFICER
    assert POLICY.acting_role(person(Role.AUDITOR)) is None
    declared = AccessPolicy(service="x", acting_roles=(Role.REGISTRY_OFFICER, Role.INSURANCE_OFFICER),
                            writers=frozenset({Role.INSURANCE_OFFICER}))
    assert declared.acting_role(both) == Role.REGISTRY_OFFICER
