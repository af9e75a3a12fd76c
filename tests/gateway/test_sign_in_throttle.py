"""Guessing at the token endpoint is throttled per account and per address, and hash checks cannot pile up
(`gateway.sign_in`), through the real endpoint and accounts collection."""
import asyncio

import pytest

from gateway.identity import NewClient, NewUser
from shared.auth import Role
from tests.gateway.conftest import PASSWORD

pytestmark = pytest.mark.infra


def password_grant(username: str, password: str) -> dict:
    return {"grant_type": "password", "username": username, "password": password}


async def test_past_the_accounts_failure_budget_even_the_right_password_waits_and_no_hash_is_checked(make_gateway):
    gateway = await make_gateway(sign_in_failures_per_account="3/15minutes")
    await gateway.container.accounts.add_user(NewUser("officer", PASSWORD, [Role.REGISTRY_OFFICER]))
    for _ in range(3):
        wrong = await gateway.client.post("/oauth/token", data=password_grant("officer", "guess"))
        assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    checked = []
    real = gateway.container.accounts.user_by_password

    async def counting(username, password):
        checked.append(username)
        return await real(username, password)

    gateway.container.accounts.user_by_password = counting
    refused = await gateway.client.post("/oauth/token", data=password_grant("officer", PASSWORD))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 60
    assert refused.headers["content-type"] == "application/problem+json" and checked == []
    other = await gateway.client.post("/oauth/token", data=password_grant("another", "guess"))
    assert other.status_code == 400  # another account still has its own budget


async def test_one_address_guessing_across_accounts_and_clients_is_throttled(make_gateway):
    gateway = await make_gateway(sign_in_failures_per_ip="4/15minutes")
    await gateway.container.accounts.add_client(NewClient("tax-bureau", "s3cret-value", ["events:read"]))
    for name in ("a", "b", "c"):
        assert (await gateway.client.post("/oauth/token", data=password_grant(name, "x"))).status_code == 400
    wrong_secret = {"grant_type": "client_credentials", "client_id": "tax-bureau", "client_secret": "guess"}
    assert (await gateway.client.post("/oauth/token", data=wrong_secret)).status_code == 401
    assert (await gateway.client.post("/oauth/token", data=password_grant("d", "x"))).status_code == 429


async def test_hash_checks_run_one_at_a_time_and_beyond_the_queue_are_refused_at_once(make_gateway):
    gateway = await make_gateway(password_checks_at_once=1, password_checks_waiting=1)
    release, started = asyncio.Event(), []

    async def slow(username, password):
        started.append(username)
        await release.wait()
        return None

    gateway.container.accounts.user_by_password = slow
    first = asyncio.create_task(gateway.client.post("/oauth/token", data=password_grant("u1", "x")))
    second = asyncio.create_task(gateway.client.post("/oauth/token", data=password_grant("u2", "x")))
    while not started:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)  # the second is waiting for its turn now
    third = await gateway.client.post("/oauth/token", data=password_grant("u3", "x"))
    assert third.status_code == 429 and third.headers["Retry-After"] == "1"
    assert started == ["u1"]  # one check at a time
    release.set()
    assert [(await t).status_code for t in (first, second)] == [400, 400] and started == ["u1", "u2"]
