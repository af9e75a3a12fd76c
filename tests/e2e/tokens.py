"""Real tokens for the scenarios: each request to `/api/v1/<service>/…` carries a bearer token of the demo account
that acts there — the service's officer, or the account whose platform role the request's `X-Civic-Role` names in
that service's terms (contracts: the platform names themselves, `contracts-registrar`, `registrar-head`,
`management-office-director`, `employer-user`). The services set who acts
from the token; the `X-Civic-*` headers the scenario sent are dropped by their access gates."""
from __future__ import annotations

import importlib
import re

import httpx

from gateway.demo import DEMO_PASSWORD, DEMO_USERS

OFFICER = {"registry": "registry", "insurance": "insurance", "contracts": "contracts", "markets": "commerce",
           "workforce": "street"}
_SERVICE = re.compile(r"^/api/v1/(?P<service>[a-z]+)/")
_PLATFORM_LOCAL = {service: importlib.import_module(f"services.{service}.adapters.access").ACCESS.local_roles
                   for service in OFFICER}


async def sign_in(client: httpx.AsyncClient, username: str, password: str = DEMO_PASSWORD) -> str:
    """An access token by the password grant at the gateway's `/oauth/token`."""
    response = await client.post("/oauth/token", data={"grant_type": "password", "username": username,
                                                       "password": password})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def demo_user(service: str, local_role: str | None) -> str:
    """The demo account acting in `service` in the role `local_role` (the service's own name), or its officer."""
    if local_role is None:
        return OFFICER[service]
    platform = next((p for p, local in _PLATFORM_LOCAL[service].items() if local == local_role), None)
    user = next((name for name, roles, _ in DEMO_USERS if platform in roles), None)
    if user is None:
        raise AssertionError(f"no demo account acts as {local_role!r} in {service}")
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
