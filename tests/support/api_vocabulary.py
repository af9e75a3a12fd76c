"""The API's naming rules (docs/api.md) read off every service's OpenAPI document, built offline from the routers.

`python -m tests.support.api_vocabulary [service]` prints what breaks them, for one service or all.
"""
from __future__ import annotations

import importlib
import re
import sys
from collections import defaultdict
from collections.abc import Mapping

from fastapi import FastAPI

SERVICES = ("registry", "insurance", "contracts", "markets", "workforce")
DECIMAL_PATTERN = re.compile(r"\\d|\[0-9\]")
NOT_OURS = {"HTTPValidationError", "ValidationError"}  # FastAPI's own; the services answer problem+json


def service_spec(service: str) -> dict:
    routes = importlib.import_module(f"services.{service}.adapters.routes")
    app = FastAPI()
    for router in routes.ROUTERS:
        app.include_router(router)
    return app.openapi()


def specs() -> dict[str, dict]:
    return {service: service_spec(service) for service in SERVICES}


def semantic_type(schema: Mapping, components: Mapping) -> str:
    """What a field carries, whatever the direction: a decimal is a number in a request and a string in an answer."""
    if "$ref" in schema:
        target = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return "text" if "enum" in target else "object"
    if "allOf" in schema:
        return semantic_type(schema["allOf"][0], components)
    if "anyOf" in schema:
        kinds = {semantic_type(s, components) for s in schema["anyOf"] if s.get("type") != "null"}
        if "decimal" in kinds and kinds <= {"decimal", "integer", "text"}:
            return "decimal"
        return "|".join(sorted(kinds))
    kind = schema.get("type")
    if kind == "array":
        return f"array<{semantic_type(schema.get('items', {}), components)}>"
    if kind == "number":
        return "decimal"
    if kind == "string":
        if schema.get("format") in ("date", "time", "date-time"):
            return schema["format"]
        pattern = schema.get("pattern", "")
        return "decimal" if DECIMAL_PATTERN.search(pattern) and "." in pattern and "-(" not in pattern else "text"
    return str(kind)


def field_types(all_specs: Mapping[str, dict]) -> dict[str, dict[str, set[str]]]:
    """field or parameter name → its semantic type → where it is used."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for service, spec in all_specs.items():
        components = spec.get("components", {}).get("schemas", {})
        for name, component in components.items():
            if name in NOT_OURS:
                continue
            for field, schema in component.get("properties", {}).items():
                seen[field][semantic_type(schema, components)].add(f"{service}.{name}")
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                for parameter in operation.get("parameters", []):
                    where = f"{service}: {method.upper()} {path} ({parameter['in']})"
                    seen[parameter["name"]][semantic_type(parameter.get("schema", {}), components)].add(where)
    return seen


def conflicts(all_specs: Mapping[str, dict]) -> dict[str, dict[str, set[str]]]:
    """Names used with more than one type: one of the two is misnamed."""
    return {name: dict(types) for name, types in field_types(all_specs).items() if len(types) > 1}


def bare_lists(all_specs: Mapping[str, dict]) -> list[str]:
    """GETs that answer a JSON array: every listing is a page (`shared.paging.PageOut`)."""
    found = []
    for service, spec in all_specs.items():
        for path, operations in spec["paths"].items():
            answer = operations.get("get", {}).get("responses", {}).get("200", {})
            schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
            if schema.get("type") == "array":
                found.append(f"{service}: GET {path}")
    return found


def report(service: str | None = None) -> str:
    all_specs = specs()
    lines = []
    for name, types in sorted(conflicts(all_specs).items()):
        uses = " | ".join(f"{kind}: {', '.join(sorted(where))}" for kind, where in sorted(types.items()))
        if service is None or f"{service}." in uses or f"{service}:" in uses:
            lines.append(f"{name}: {uses}")
    lines += [f"bare list: {where}" for where in bare_lists(all_specs) if service in (None, where.split(":")[0])]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(sys.argv[1] if len(sys.argv) > 1 else None) or "no conflicts")
