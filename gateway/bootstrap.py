"""Composition root of the gateway: settings, keys, accounts, audit, limits, breakers, the upstream HTTP client,
and the health of every service."""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from gateway import demo, proxy
from gateway.audit import AuditLog
from gateway.breaker import CircuitBreaker
from gateway.identity import Accounts, TokenIssuer
from gateway.keys import KeyStore
from gateway.openapi_merge import ServiceSpecs
from gateway.ratelimit import RateLimits
from gateway.settings import GatewaySettings
from shared.auth import Verifier
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime


@dataclass
class Container:
    runtime: ServiceRuntime
    gateway: GatewaySettings
    upstreams: dict[str, str]
    http: httpx.AsyncClient
    keys: KeyStore
    accounts: Accounts
    issuer: TokenIssuer
    verifier: Verifier
    audit: AuditLog
    limits: RateLimits
    breakers: dict[str, CircuitBreaker]
    specs: ServiceSpecs

    async def init_db(self) -> None:
        await self.accounts.ensure_indexes()
        await self.audit.ensure_indexes()
        if self.gateway.seed_demo:
            await demo.seed(self.accounts)


def bootstrap(settings: Settings | None = None, gateway: GatewaySettings | None = None) -> Container:
    settings = settings or load_settings("gateway")
    gateway = gateway or GatewaySettings()
    runtime = ServiceRuntime(settings)
    upstreams = settings.upstream_urls()
    http = proxy.client(settings.upstream_timeout)
    keys = (KeyStore.load(gateway.signing_key_file) if gateway.signing_key_file
            else KeyStore.load_or_create(settings.var_dir / "keys"))

    async def own_jwks(force: bool = False) -> dict:
        return keys.jwks()

    container = Container(
        runtime, gateway, upstreams, http, keys,
        accounts=Accounts(runtime.db["users"], runtime.db["clients"]),
        issuer=TokenIssuer(keys, gateway.issuer, gateway.audience, gateway.token_ttl_seconds),
        verifier=Verifier(own_jwks, issuer=gateway.issuer, audience=gateway.audience),
        audit=AuditLog(runtime.db["audit"]),
        limits=RateLimits(gateway.rate_limit_per_client, gateway.rate_limit_per_ip),
        breakers={name: CircuitBreaker(name, gateway.breaker_failures, gateway.breaker_reset_seconds)
                  for name in upstreams},
        specs=ServiceSpecs(upstreams, http, gateway.catalog_cache_seconds))
    for name, base in upstreams.items():
        runtime.health.add(name, _upstream_ready(http, base))
    return container


def _upstream_ready(http: httpx.AsyncClient, base: str):
    async def check() -> dict:
        response = await http.get(base + "/health/ready", timeout=1.5)
        response.raise_for_status()
        return {"url": base}

    return check
