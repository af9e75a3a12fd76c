"""Token verification (RFC 8725 checks) and the principal dependency, proven on a tiny FastAPI app."""
import base64
import hashlib
import hmac
import json
import time

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, FastAPI
from jwt.algorithms import OKPAlgorithm

from shared import http as shared_http
from shared.auth import AUDIENCE, ISSUER, JWKS_PATH, CurrentPrincipal, HttpJwks, Role, Verifier, require_roles

KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
JWK = OKPAlgorithm.to_jwk(KEY.public_key(), as_dict=True) | {"kid": "k1", "alg": "EdDSA", "use": "sig"}


def claims(**overrides) -> dict:
    now = int(time.time())
    # Two hours: some tests build their callers' tokens when the module is imported, and the whole suite runs
    # between collection and the last test.
    return {"iss": ISSUER, "aud": AUDIENCE, "sub": "alice", "iat": now, "exp": now + 7200,
            "roles": [Role.EMPLOYER_USER], "employer_id": "E-A"} | overrides


def token(key=KEY, *, alg="EdDSA", kid="k1", typ="at+jwt", **overrides) -> str:
    return jwt.encode(claims(**overrides), key, algorithm=alg, headers={"kid": kid, "typ": typ})


class FakeJwks:
    def __init__(self, *keys: dict) -> None:
        self.keys, self.calls = list(keys), 0

    async def __call__(self, force: bool = False) -> dict:
        self.calls += 1
        return {"keys": self.keys}


def _b64(data: dict | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


async def test_a_good_token_gives_subject_roles_employer_and_scopes():
    principal = await Verifier(FakeJwks(JWK)).verify(token(scope="events:read registry:read", client_id="c1"))
    assert principal.subject == "alice" and principal.roles == {Role.EMPLOYER_USER}
    assert principal.employer_id == "E-A" and principal.scopes == {"events:read", "registry:read"}


def _alg_none() -> str:
    return f"{_b64({'alg': 'none', 'typ': 'at+jwt', 'kid': 'k1'})}.{_b64(claims())}."


def _hs256_with_public_key() -> str:
    public_pem = KEY.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    header = _b64({"alg": "HS256", "typ": "at+jwt", "kid": "k1"})
    body = _b64(claims())
    signature = hmac.new(public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(signature)}"


@pytest.mark.parametrize("bad", [
    pytest.param(_alg_none, id="alg-none"),
    pytest.param(_hs256_with_public_key, id="hs256-signed-with-the-public-key"),
    pytest.param(lambda: token(aud="someone-else"), id="wrong-aud"),
    pytest.param(lambda: token(iss="https://evil.example"), id="wrong-iss"),
    pytest.param(lambda: token(typ="JWT"), id="wrong-typ"),
    pytest.param(lambda: token(exp=int(time.time()) - 120, iat=int(time.time()) - 600), id="expired"),
    pytest.param(lambda: token(kid="k-unknown"), id="unknown-kid"),
    pytest.param(lambda: token(OTHER_KEY), id="signed-by-another-key"),
    pytest.param(lambda: token()[:-4] + "AAAA", id="tampered-signature"),
    pytest.param(lambda: "not.a.jwt", id="garbage"),
])
async def test_bad_tokens_are_rejected_with_401(bad):
    with pytest.raises(Exception) as caught:
        await Verifier(FakeJwks(JWK)).verify(bad())
    assert getattr(caught.value, "status_code", None) == 401, caught.value


async def test_a_token_missing_exp_is_rejected():
    raw = jwt.encode({k: v for k, v in claims().items() if k != "exp"}, KEY, algorithm="EdDSA",
                     headers={"kid": "k1", "typ": "at+jwt"})
    with pytest.raises(Exception) as caught:
        await Verifier(FakeJwks(JWK)).verify(raw)
    assert caught.value.status_code == 401 and "exp" in caught.value.detail


async def test_an_unknown_kid_refetches_the_jwks_once_then_finds_a_rotated_key():
    jwks = FakeJwks()
    verifier = Verifier(jwks)
    jwks.keys.append(JWK)  # rotated in after the verifier was built; the first call returns it already
    assert (await verifier.verify(token())).subject == "alice"
    with pytest.raises(Exception):
        await verifier.verify(token(kid="k2"))
    with pytest.raises(Exception):
        await verifier.verify(token(kid="k3"))
    assert jwks.calls == 4  # k2 forced one re-fetch; k3 within min_refresh did not


async def test_a_verified_token_is_remembered_until_its_exp_and_then_checked_again():
    now = [time.time()]
    jwks = FakeJwks(JWK)
    verifier = Verifier(jwks, clock=lambda: now[0])
    raw = token(exp=int(now[0]) + 60)
    first = await verifier.verify(raw)
    assert await verifier.verify(raw) is first and jwks.calls == 1, "the second request checked the signature again"
    now[0] += 61
    assert (await verifier.verify(raw)).subject == "alice" and jwks.calls == 2  # past exp: verified afresh
    with pytest.raises(Exception) as caught:
        await verifier.verify(raw[:-2] + ("AA" if not raw.endswith("AA") else "BB"))
    assert caught.value.status_code == 401, "a changed token is never taken from what was remembered"


async def test_beyond_the_cache_size_the_oldest_token_is_forgotten():
    jwks = FakeJwks(JWK)
    verifier = Verifier(jwks, cache_size=2)
    tokens = [token(sub=name) for name in ("a", "b", "c")]
    for raw in tokens:
        await verifier.verify(raw)
    await verifier.verify(tokens[2])
    assert jwks.calls == 3
    assert (await verifier.verify(tokens[0])).subject == "a" and jwks.calls == 4


async def test_http_jwks_is_fetched_once_and_cached():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(200, json={"keys": [JWK]})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        verifier = Verifier(HttpJwks("http://gw" + JWKS_PATH, http, ttl=60))
        for _ in range(3):
            await verifier.verify(token())
    assert calls == [JWKS_PATH]


def tiny_app() -> FastAPI:
    app = FastAPI()
    app.state.verifier = Verifier(FakeJwks(JWK))
    shared_http.install(app)

    @app.get("/employers/{employer_id}")
    async def employer(employer_id: str, principal: CurrentPrincipal) -> dict:
        principal.require_employer(employer_id)
        return {"id": employer_id, "seen_by": principal.subject}

    @app.get("/audit-only", dependencies=[Depends(require_roles(Role.AUDITOR))])
    async def audit_only() -> dict:
        return {"ok": True}

    return app


async def _get(path: str, bearer: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(tiny_app()), base_url="http://t") as client:
        return await client.get(path, headers=headers)


async def test_the_dependency_gives_the_route_its_principal():
    response = await _get("/employers/E-A", token())
    assert response.status_code == 200 and response.json()["seen_by"] == "alice"


async def test_no_token_is_401_problem_json_with_www_authenticate():
    response = await _get("/employers/E-A")
    assert response.status_code == 401 and response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_an_employer_user_gets_404_for_another_employers_id():
    response = await _get("/employers/E-B", token())
    assert response.status_code == 404 and "E-A" not in response.text


async def test_an_officer_may_read_any_employer_but_only_an_auditor_reads_the_audit():
    officer = token(roles=[Role.REGISTRY_OFFICER], employer_id=None)
    assert (await _get("/employers/E-B", officer)).status_code == 200
    assert (await _get("/audit-only", officer)).status_code == 403
    assert (await _get("/audit-only", token(roles=[Role.AUDITOR], employer_id=None))).status_code == 200


async def test_a_department_system_is_held_to_its_granted_scopes():
    principal = await Verifier(FakeJwks(JWK)).verify(token(
        sub="tax-bureau", roles=[Role.DEPARTMENT_SYSTEM], employer_id=None, scope="events:read",
        client_id="tax-bureau"))
    principal.require_scope("events:read")
    with pytest.raises(Exception) as caught:
        principal.require_scope("registry:write")
    assert caught.value.status == 403
