"""Composition root of the gateway: settings, the upstream HTTP client, health of every service."""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from gateway import proxy
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime


@dataclass
class Container:
    runtime: ServiceRuntime
    upstreams: dict[str, str]
    http: httpx.AsyncClient

    async def init_db(self) -> None:
        """The gateway keeps no collections yet (users and audit come with the identity work)."""


def bootstrap(settings: Settings | None = None) -> Container:
    settings = settings or load_settings("gateway")
    runtime = ServiceRuntime(settings)
    container = Container(runtime, settings.upstream_urls(), proxy.client(settings.upstream_timeout))
    for name, base in container.upstreams.items():
        runtime.health.add(name, _upstream_ready(container.http, base))
    return container


def _upstream_ready(http: httpx.AsyncClient, base: str):
    async def check() -> dict:
        response = await http.get(base + "/health/ready", timeout=1.5)
        response.raise_for_status()
        return {"url": base}

    return check
