"""The token endpoint (password and client-credentials grants), argon2-hashed accounts and the JWKS."""
import base64

import jwt
import pytest

from gateway.identity import NewClient, NewUser, check_user
from gateway.keys import KeyStore, new_private_pem
from shared.auth import Role, Verifier, HttpJwks
from shared.errors import Conflict, InvalidInput
from tests.gateway.conftest import PASSWORD

pytestmark = pytest.mark.infra


async def test_a_password_grant_gives_a_verifiable_token_with_roles_and_employer(gateway):
    token = await gateway.user("emp-a", Role.EMPLOYER_USER, employer_id="E-A")
    jwks = (await gateway.client.get("/.well-known/jwks.json")).json()
    assert [k["kty"] for k in jwks["keys"]] == ["OKP"] and "d" not in jwks["keys"][0]
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": jwks["keys"][0]["kid"], "typ": "at+jwt"}
    principal = await Verifier(HttpJwks("http://gateway/.well-known/jwks.json", gateway.client)).verify(token)
    assert principal.subject == "emp-a" and principal.roles == {Role.EMPLOYER_USER}
    assert principal.employer_id == "E-A"


async def test_passwords_are_stored_as_argon2_hashes_only(gateway):
    await gateway.container.accounts.add_user(NewUser("officer", PASSWORD, [Role.REGISTRY_OFFICER]))
    doc = await gateway.container.runtime.db["users"].find_one({"username": "officer"})
    assert doc["password_hash"].startswith("$argon2id$") and PASSWORD not in str(doc)


@pytest.mark.parametrize("username,password", [("officer", "wrong password"), ("nobody", PASSWORD)])
async def test_a_wrong_password_or_unknown_user_is_invalid_grant(gateway, username, password):
    await gateway.container.accounts.add_user(NewUser("officer", PASSWORD, [Role.REGISTRY_OFFICER]))
    response = await gateway.client.post("/oauth/token", data={"grant_type": "password", "username": username,
                                                               "password": password})
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
    assert response.headers["content-type"] == "application/problem+json"


async def test_client_credentials_via_basic_auth_give_only_the_granted_scopes(gateway):
    await gateway.container.accounts.add_client(NewClient("tax-bureau", "s3cret-value", ["events:read"]))
    basic = base64.b64encode(b"tax-bureau:s3cret-value").decode()
    response = await gateway.client.post("/oauth/token", headers={"Authorization": f"Basic {basic}"},
                                         data={"grant_type": "client_credentials", "scope": "events:read admin"})
    assert response.status_code == 200, response.text
    claims = jwt.decode(response.json()["access_token"], options={"verify_signature": False})
    assert claims["scope"] == "events:read" and claims["roles"] == [Role.DEPARTMENT_SYSTEM]
    assert claims["client_id"] == "tax-bureau" and claims["sub"] == "tax-bureau"


async def test_a_wrong_client_secret_is_401_invalid_client(gateway):
    await gateway.container.accounts.add_client(NewClient("tax-bureau", "s3cret-value", ["events:read"]))
    response = await gateway.client.post("/oauth/token", data={
        "grant_type": "client_credentials", "client_id": "tax-bureau", "client_secret": "guess"})
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


async def test_an_unsupported_grant_is_refused(gateway):
    response = await gateway.client.post("/oauth/token", data={"grant_type": "implicit"})
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"


async def test_usernames_are_unique(gateway):
    await gateway.container.accounts.add_user(NewUser("officer", PASSWORD, [Role.REGISTRY_OFFICER]))
    with pytest.raises(Conflict):
        await gateway.container.accounts.add_user(NewUser("officer", PASSWORD, [Role.AUDITOR]))


def test_user_rules_are_reported_together():
    with pytest.raises(InvalidInput) as caught:
        check_user(NewUser("x", "short", ["wizard", Role.EMPLOYER_USER]))
    fields = {(e.field, e.rule) for e in caught.value.errors}
    assert fields == {("roles", "known-role"), ("employer_id", "required"), ("password", "min-length")}


def test_only_employer_users_are_bound_to_an_employer():
    with pytest.raises(InvalidInput):
        check_user(NewUser("x", PASSWORD, [Role.REGISTRY_OFFICER], employer_id="E-A"))


async def test_the_signing_key_survives_a_restart(make_gateway, settings_for):
    first = await make_gateway()
    second = await make_gateway()  # same var_dir: finds the key the first created
    assert first.container.keys.kid == second.container.keys.kid


async def test_demo_seed_creates_documented_accounts_when_enabled(make_gateway):
    gw = await make_gateway(seed_demo=True)
    from gateway.demo import DEMO_PASSWORD
    token = await gw.token("employer", DEMO_PASSWORD)
    assert jwt.decode(token, options={"verify_signature": False})["employer_id"] == "demo-employer"


async def test_replicas_sign_with_the_one_mounted_key_and_verify_each_others_tokens(make_gateway, tmp_path):
    key = tmp_path / "secret" / "gateway-signing.pem"
    key.parent.mkdir()
    key.write_bytes(new_private_pem())
    one, other = await make_gateway(signing_key_file=key), await make_gateway(signing_key_file=key)
    await one.container.accounts.add_user(NewUser("reg1", PASSWORD, [Role.REGISTRY_OFFICER]))
    principal = await other.container.verifier.verify(await one.token("reg1", PASSWORD))
    assert principal.subject == "reg1" and Role.REGISTRY_OFFICER in principal.roles
    assert not (tmp_path / "var" / "keys").exists(), "a mounted key is used as it is, never created beside it"


@pytest.mark.parametrize("content", [None, b"CHANGE-ME", "rsa"])
def test_a_missing_or_unusable_mounted_key_stops_the_gateway_with_the_remedy(tmp_path, content):
    key = tmp_path / "gateway-signing.pem"
    if content == "rsa":
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        content = rsa.generate_private_key(65537, 2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    if content is not None:
        key.write_bytes(content)
    with pytest.raises(SystemExit, match="civic keys new"):
        KeyStore.load(key)
