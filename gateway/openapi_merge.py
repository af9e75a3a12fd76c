"""One OpenAPI document for the whole platform: the gateway's own operations plus every service's, fetched
from the upstreams at request time (cached for a few seconds). A service that does not answer is listed under
`x-missing-services` instead of failing the document.

Service paths already carry their `/api/v1/<service>` prefix (the gateway forwards the full path), so paths are
kept; component names are prefixed with the service (`registry__EmployerOut`) so two services' `Problem` or
`HTTPValidationError` cannot collide, and operation ids likewise. Health endpoints stay per-process.

A forwarded operation can also get the gateway's own answers, which no service documents: 429 (the caller's rate
limit), 504 (the service did not answer in time) and, when it takes a body, 413 (the body is over the size limit).
They are added as problem+json unless the service already declares the status.
"""
from __future__ import annotations

import asyncio
import time

import httpx

from shared.problem_docs import PROBLEM_CONTENT

SCHEMA_REF = "#/components/schemas/"
GATEWAY_ANSWERS = {"429": "Over the caller's rate limit; retry after `Retry-After` seconds",
                   "504": "The service did not answer within the gateway's timeout"}
BODY_TOO_LARGE = {"413": "The request body is over the gateway's size limit"}


def merge(own: dict, services: dict[str, dict | None]) -> dict:
    doc = {**own, "paths": dict(own.get("paths", {})),
           "components": {**own.get("components", {}), "schemas": dict(own.get("components", {}).get("schemas", {}))}}
    doc["x-missing-services"] = sorted(name for name, spec in services.items() if spec is None)
    doc["tags"] = list(own.get("tags", [])) + [{"name": n} for n, s in sorted(services.items()) if s is not None]
    for name, spec in sorted(services.items()):
        if spec is not None:
            _add_service(doc, name, spec)
    return doc


def _add_service(doc: dict, name: str, spec: dict) -> None:
    renamed = _rename_refs(spec, name)
    for key, schema in renamed.get("components", {}).get("schemas", {}).items():
        doc["components"]["schemas"][f"{name}__{key}"] = schema
    for path, item in renamed.get("paths", {}).items():
        if path.startswith("/health"):
            continue
        for operation in item.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["tags"] = [name]
                if "operationId" in operation:
                    operation["operationId"] = f"{name}__{operation['operationId']}"
                _add_gateway_answers(operation)
        doc["paths"][path] = item


def _add_gateway_answers(operation: dict) -> None:
    answers = {**GATEWAY_ANSWERS, **(BODY_TOO_LARGE if "requestBody" in operation else {})}
    for status, description in answers.items():
        operation["responses"].setdefault(status, {"description": description, "content": PROBLEM_CONTENT})


def _rename_refs(node, service: str):
    if isinstance(node, dict):
        return {k: (f"{SCHEMA_REF}{service}__{v[len(SCHEMA_REF):]}"
                    if k == "$ref" and isinstance(v, str) and v.startswith(SCHEMA_REF) else _rename_refs(v, service))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rename_refs(v, service) for v in node]
    return node


class ServiceSpecs:
    """Each upstream's `/openapi.json`, cached for `ttl` seconds; None for one that is down."""

    def __init__(self, upstreams: dict[str, str], http: httpx.AsyncClient, ttl: float) -> None:
        self._upstreams, self._http, self._ttl = upstreams, http, ttl
        self._cache: tuple[float, dict[str, dict | None]] | None = None

    async def fetch(self) -> dict[str, dict | None]:
        if self._cache and time.monotonic() - self._cache[0] < self._ttl:
            return self._cache[1]
        names = list(self._upstreams)
        specs = dict(zip(names, await asyncio.gather(*(self._one(self._upstreams[n]) for n in names))))
        self._cache = (time.monotonic(), specs)
        return specs

    async def _one(self, base: str) -> dict | None:
        try:
            response = await self._http.get(base + "/openapi.json", timeout=2.0)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError):
            return None
