"""Forwarding with authentication (off by default, on with CIVIC_AUTH_REQUIRED), audit, size limit, retries,
circuit breaker and CORS — against fake upstreams, so what is tested is the gateway's own behaviour."""
import httpx
import pytest

from shared.auth import Role
from tests.gateway.conftest import reply

pytestmark = pytest.mark.infra
REGISTRY = "/api/v1/registry/employers"


async def test_without_auth_required_an_anonymous_request_is_forwarded_and_audited(gateway):
    response = await gateway.client.post(REGISTRY, json={"name": "x"})
    assert response.status_code == 201 and gateway.upstreams.seen[-1].url.path == REGISTRY
    (record,) = await gateway.container.audit.page()
    assert record["subject"] == "anonymous" and record["method"] == "POST" and record["status"] == 201
    assert record["target"] == "new-id" and record["outcome"] == "success"
    assert record["request_id"] == response.headers["x-request-id"] and len(record["trace_id"]) == 32


async def test_a_present_but_invalid_token_is_refused_even_when_auth_is_optional(gateway):
    response = await gateway.client.get(REGISTRY, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401 and not gateway.upstreams.seen


async def test_with_auth_required_no_token_is_401_and_nothing_is_forwarded(make_gateway):
    gateway = await make_gateway(auth_required=True)
    response = await gateway.client.post(REGISTRY, json={})
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json" and not gateway.upstreams.seen


async def test_with_auth_required_a_valid_token_is_forwarded_and_the_audit_names_the_user(make_gateway):
    gateway = await make_gateway(auth_required=True)
    token = await gateway.user("officer", Role.REGISTRY_OFFICER)
    response = await gateway.client.post(REGISTRY, json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    assert gateway.upstreams.seen[-1].headers["authorization"] == f"Bearer {token}"  # services verify it too
    (record,) = await gateway.container.audit.page()
    assert record["subject"] == "officer" and record["roles"] == [Role.REGISTRY_OFFICER]


async def test_reads_are_not_audited_but_failed_writes_are(gateway):
    gateway.upstreams.handler = lambda request: reply(422, {"title": "bad"})
    await gateway.client.get(REGISTRY)
    await gateway.client.post(REGISTRY, json={})
    records = await gateway.container.audit.page()
    assert [(r["method"], r["outcome"], r["status"]) for r in records] == [("POST", "failure", 422)]


async def test_only_auditors_read_the_audit_and_verify_finds_an_edit(gateway):
    for _ in range(3):
        await gateway.client.post(REGISTRY, json={})
    officer = await gateway.user("officer", Role.REGISTRY_OFFICER)
    auditor = await gateway.user("auditor", Role.AUDITOR)
    assert (await gateway.client.get("/audit", headers={"Authorization": f"Bearer {officer}"})).status_code == 403
    assert (await gateway.client.get("/audit")).status_code == 401
    as_auditor = {"Authorization": f"Bearer {auditor}"}
    assert [r["n"] for r in (await gateway.client.get("/audit", headers=as_auditor)).json()["items"]] == [1, 2, 3]
    assert (await gateway.client.get("/audit/verify", headers=as_auditor)).json()["ok"] is True
    await gateway.container.runtime.db["audit"].update_one({"n": 2}, {"$set": {"status": 200}})
    verdict = (await gateway.client.get("/audit/verify", headers=as_auditor)).json()
    assert verdict == {"ok": False, "checked": 1, "broken_at": 2, "reason": "wrong mac"}


async def test_a_body_over_the_limit_is_413_and_not_forwarded(make_gateway):
    gateway = await make_gateway(max_body_bytes=100)
    response = await gateway.client.post(REGISTRY, content=b"x" * 101, headers={"content-type": "text/plain"})
    assert response.status_code == 413 and not gateway.upstreams.seen
    assert (await gateway.client.post(REGISTRY, content=b"x" * 100)).status_code == 201


async def test_a_chunked_body_over_the_limit_is_refused(make_gateway):
    gateway = await make_gateway(max_body_bytes=100)

    async def chunks():
        for _ in range(5):
            yield b"y" * 40

    response = await gateway.client.post(REGISTRY, content=chunks())
    assert response.status_code == 413


def _failing_then(ok_after: int):
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        if calls["n"] <= ok_after:
            raise httpx.ConnectError("refused")
        return reply()

    return handler, calls


async def test_reads_are_retried_on_connection_failure(make_gateway):
    gateway = await make_gateway(read_retries=2)
    gateway.upstreams.handler, calls = _failing_then(2)
    assert (await gateway.client.get(REGISTRY)).status_code == 200 and calls["n"] == 3


async def test_writes_are_never_retried(make_gateway):
    gateway = await make_gateway(read_retries=2)
    gateway.upstreams.handler, calls = _failing_then(1)
    response = await gateway.client.post(REGISTRY, json={})
    assert response.status_code == 503 and calls["n"] == 1 and "retry-after" in response.headers


async def test_the_breaker_opens_per_upstream_with_503_and_retry_after(make_gateway):
    gateway = await make_gateway(breaker_failures=3, breaker_reset_seconds=30, read_retries=0)
    gateway.upstreams.handler, calls = _failing_then(1000)
    for _ in range(3):
        assert (await gateway.client.post(REGISTRY, json={})).status_code == 503
    response = await gateway.client.post(REGISTRY, json={})
    assert response.status_code == 503 and calls["n"] == 3  # open: no call made
    assert 1 <= int(response.headers["retry-after"]) <= 30
    assert response.headers["content-type"] == "application/problem+json"
    gateway.upstreams.handler = lambda request: reply()
    assert (await gateway.client.get("/api/v1/insurance/accounts/x")).status_code == 200  # others unaffected


async def test_cors_allows_configured_portal_origins_only(make_gateway):
    gateway = await make_gateway(cors_origins=["https://portal.example"])
    preflight = {"Access-Control-Request-Method": "POST"}
    ok = await gateway.client.options(REGISTRY, headers=preflight | {"Origin": "https://portal.example"})
    bad = await gateway.client.options(REGISTRY, headers=preflight | {"Origin": "https://evil.example"})
    assert ok.headers.get("access-control-allow-origin") == "https://portal.example"
    assert "access-control-allow-origin" not in bad.headers


async def test_a_header_http11_forbids_is_a_400_naming_it_and_never_opens_the_breaker(make_gateway):
    gateway = await make_gateway(breaker_failures=2, read_retries=0)
    for _ in range(3):
        response = await gateway.client.post(REGISTRY, json={}, headers={"Idempotency-Key": "key\x00with-nul"})
        assert response.status_code == 400, response.text
        assert response.json()["errors"][0]["rule"] == "request-not-forwardable"
    assert gateway.container.breakers["registry"].state == "closed" and not gateway.upstreams.seen
    assert (await gateway.client.post(REGISTRY, json={}, headers={"Idempotency-Key": "k-1"})).status_code == 201
