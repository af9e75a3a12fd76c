"""A write sent straight to registry's own port (not through the gateway) leaves a record in registry's own audit
chain, naming whoever registry believed was acting: the verified token's principal, or, in the tests' opt-out
without tokens, the `X-Civic-*` headers it acted on."""
import httpx
import pytest

from services.registry.bootstrap import bootstrap
from services.registry.main import create_app
from shared.auth import Role, Verifier
from tests.e2e.flows import new_uscc
from tests.shared.test_auth import JWK, FakeJwks, token

pytestmark = pytest.mark.infra
EMPLOYERS = "/api/v1/registry/employers"
AS_OFFICER = {"X-Civic-User": "registrar-7", "X-Civic-Role": "officer", "X-Request-ID": "req-audit-1"}


def body() -> dict:
    return {"name": "海淀审计科技有限公司", "uscc": new_uscc(), "district_code": "110108"}


async def test_a_write_at_the_services_own_port_is_audited_there_with_the_identity_it_acted_on(api):
    response = await api.client.post(EMPLOYERS, json=body(), headers=AS_OFFICER)
    assert response.status_code == 201, response.text
    (record,) = await api.container.runtime.audit.page()
    assert (record["chain"], record["subject"], record["roles"], record["via"]) == (
        "registry", "registrar-7", ["officer"], "headers")
    assert (record["method"], record["path"], record["status"], record["outcome"]) == (
        "POST", EMPLOYERS, 201, "success")
    assert record["target"] == response.json()["id"] and record["request_id"] == "req-audit-1"
    assert len(record["trace_id"]) == 32
    assert (await api.container.runtime.audit.verify()).ok


async def test_reads_are_not_audited_and_a_refused_write_is(api):
    await api.client.get(EMPLOYERS, headers=AS_OFFICER)
    response = await api.client.post(EMPLOYERS, json=body() | {"district_code": "999999"}, headers=AS_OFFICER)
    assert response.status_code == 422
    records = await api.container.runtime.audit.page()
    assert [(r["method"], r["status"], r["outcome"]) for r in records] == [("POST", 422, "failure")]


@pytest.fixture
async def secured(settings_for):
    """Registry with tokens required, verifying them against a fixed key instead of the gateway's JWKS."""
    container = bootstrap(settings_for("registry", auth_required=True))
    app = create_app(container)
    async with app.router.lifespan_context(app):
        app.state.verifier = Verifier(FakeJwks(JWK))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://registry") as client:
            yield client, container.runtime.audit


async def test_with_tokens_required_the_record_names_the_tokens_principal_never_the_headers(secured):
    client, audit = secured
    officer = token(sub="officer-9", roles=[Role.REGISTRY_OFFICER], employer_id=None)
    response = await client.post(EMPLOYERS, json=body(),
                                 headers={"Authorization": f"Bearer {officer}", "X-Civic-User": "someone-else"})
    assert response.status_code == 201, response.text
    unauthenticated = await client.post(EMPLOYERS, json=body(), headers={"X-Civic-User": "registrar-7"})
    auditor = token(sub="auditor-1", roles=[Role.AUDITOR], employer_id=None)
    refused = await client.post(EMPLOYERS, json=body(), headers={"Authorization": f"Bearer {auditor}"})
    assert (unauthenticated.status_code, refused.status_code) == (401, 403)
    records = await audit.page()
    assert [(r["subject"], r["via"], r["status"]) for r in records] == [
        ("officer-9", "token", 201), ("anonymous", "none", 401), ("auditor-1", "token", 403)]
    assert records[0]["roles"] == [Role.REGISTRY_OFFICER] and records[0]["target"] == response.json()["id"]
