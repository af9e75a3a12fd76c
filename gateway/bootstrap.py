"""Composition root of the gateway: settings, keys, accounts, audit, limits, breakers, the forwarding client (and
httpx for the catalogue documents and health probes), and the health of every service."""
from __future__ import annotations

from dataclasses import dataclass

import httpx
from opentelemetry.instrumentation.utils import suppress_http_instrumentation

from gateway import demo
from gateway.breaker import CircuitBreaker
from gateway.forwarder import Forwarder
from gateway.identity import Accounts, TokenIssuer
from gateway.keys import KeyStore
from gateway.openapi_merge import ServiceSpecs
from gateway.ratelimit import RateLimits
from gateway.settings import GatewaySettings
from gateway.sign_in import SignInThrottle
from shared.audit.log import AuditLog
from shared.auth import Verifier
from shared import status
from shared.config import CommonSettings
from shared.runtime import ProcessRuntime


@dataclass(kw_only=True)
class Container:
    runtime: ProcessRuntime
    gateway: GatewaySettings
    upstreams: dict[str, str]
    http: httpx.AsyncClient
    forwarder: Forwarder
    keys: KeyStore
    accounts: Accounts
    issuer: TokenIssuer
    verifier: Verifier
    audit: AuditLog
    limits: RateLimits
    sign_in: SignInThrottle
    breakers: dict[str, CircuitBreaker]
    specs: ServiceSpecs

    async def init_db(self) -> None:
        await self.accounts.ensure_indexes()
        await self.audit.ensure_indexes()
        if self.gateway.seed_demo:
            await demo.seed(self.accounts)


def bootstrap(settings: CommonSettings | None = None, gateway: GatewaySettings | None = None) -> Container:
    settings = settings or CommonSettings(service="gateway")
    gateway = gateway or GatewaySettings()
    runtime = ProcessRuntime(settings)  # no outbox, publisher or consumer: the gateway only reads the broker
    upstreams = settings.upstream_urls()
    http = httpx.AsyncClient(timeout=httpx.Timeout(gateway.upstream_timeout, connect=2.0))
    forwarder = Forwarder(gateway.upstream_timeout)
    runtime.on_stop.append(forwarder.aclose)
    keys = (KeyStore.load(gateway.signing_key_file) if gateway.signing_key_file
            else KeyStore.load_or_create(settings.var_dir / "keys"))

    async def own_jwks(force: bool = False) -> dict:
        return keys.jwks()

    container = Container(
        runtime=runtime, gateway=gateway, upstreams=upstreams, http=http, forwarder=forwarder, keys=keys,
        accounts=Accounts(runtime.db["users"], runtime.db["clients"]),
        issuer=TokenIssuer(keys, gateway.issuer, gateway.audience, gateway.token_ttl_seconds),
        verifier=Verifier(own_jwks, issuer=gateway.issuer, audience=gateway.audience),
        audit=runtime.audit,
        limits=RateLimits(gateway.rate_limit_per_client, gateway.rate_limit_per_ip),
        sign_in=SignInThrottle(failures_per_account=gateway.sign_in_failures_per_account,
                               failures_per_ip=gateway.sign_in_failures_per_ip,
                               at_once=gateway.password_checks_at_once, waiting=gateway.password_checks_waiting),
        breakers={name: CircuitBreaker(name, gateway.breaker_failures, gateway.breaker_reset_seconds)
                  for name in upstreams},
        specs=ServiceSpecs(upstreams, http, gateway.catalog_cache_seconds))
    for name, base in upstreams.items():
        runtime.health.add(name, _upstream_ready(http, base))
    runtime.health.summary = _status_view(runtime)
    return container


def _upstream_ready(http: httpx.AsyncClient, base: str):
    async def check() -> dict:
        with suppress_http_instrumentation():  # a probe every few seconds must not fill the trace UI with roots
            response = await http.get(base + "/health/ready", timeout=1.5)
        checks = response.json().get("checks", {}) if response.status_code in (200, 503) else {}
        if response.status_code != 200:
            down = sorted(name for name, check in checks.items() if check.get("status") != "up")
            raise ConnectionError(f"{base} answered {response.status_code}; down: {', '.join(down) or '?'}")
        return {"url": base, "checks": checks}

    return check


def _status_view(runtime: ProcessRuntime):
    """The ready body's `services` and `attention` (`shared.status`), from the checks just run and the broker."""
    settings = runtime.settings

    async def summary(report: dict[str, dict]) -> dict:
        own = ("mongo", "broker")
        reports = {"gateway": {"up": all(report[c]["status"] == "up" for c in own),
                               "checks": {c: report[c] for c in own}}}
        for name in settings.upstream_urls():
            check = report.get(name, {})
            reports[name] = {"up": check.get("status") == "up", "checks": check.get("checks", {}),
                             "error": check.get("error")}
        # Bounded well below a readiness probe's timeout (Kubernetes: 1 s): a slow broker leaves the depths unknown.
        queues = await status.queues_or_none(runtime.connection, runtime.topology, settings.retry_delays, timeout=0.5)
        return status.view(reports, queues)

    return summary
