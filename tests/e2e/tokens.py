"""Real tokens for the scenarios: each request to `/api/v1/<service>/…` carries a bearer token of the demo account
that acts there — the service's officer, or the account holding the platform role the request's `X-Civic-Role`
names (every service uses the platform's role names). The services set who acts from the token; the `X-Civic-*`
headers the scenario sent are dropped by their access gates."""
from __future__ import annotations

import re

import httpx

from gateway.demo import DEMO_PASSWORD, DEMO_USERS

OFFICER = {"registry": "registry", "insurance": "insurance", "contracts": "contracts", "markets": "commerce",
           "workforce": "street"}
_SERVICE = re.compile(r"^/api/v1/(?P<service>[a-z]+)/")


async def sign_in(client: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD) -> str:
    """An access token by the password grant at the gateway's `/oauth/token`."""
    response = await client.post("/oauth/token", data={"grant_type": "password", "username": username,
                                                       "password": password})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def demo_user(service: str, role: str | None) -> str:
    """The demo account acting in `service` in the platform role `role`, or the service's officer."""
    if role is None:
        return OFFICER[service]
    user = next((name for name, roles, _ in DEMO_USERS if role in roles), None)
    if user is None:
        raise AssertionError(f"no demo account acts as {role!r} in {service}")
    return user


class DemoTokens(httpx.Auth):
    """Signs in once per demo account (password grant at the gateway's `/oauth/token`) and reuses the token."""

    def __init__(self, gateway: str) -> None:
        self._gateway = gateway
        self._tokens: dict[str, str] = {}

    async def async_auth_flow(self, request: httpx.Request):
        found = _SERVICE.match(request.url.path)
        if found and "authorization" not in request.headers:
            user = demo_user(found["service"], request.headers.get("x-civic-role"))
            request.headers["Authorization"] = f"Bearer {await self._token(user)}"
        yield request

    async def _token(self, user: str) -> str:
        if user not in self._tokens:
            async with httpx.AsyncClient(base_url=self._gateway, timeout=15) as client:
                self._tokens[user] = await sign_in(client, user)
        return self._tokens[user]
