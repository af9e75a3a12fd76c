"""The errors every service answers, documented in its OpenAPI as what they are: RFC 9457 problem+json.

FastAPI documents only the success and a 422 `HTTPValidationError` as `application/json`, while `shared.http`
renders every error — validation included — as problem+json with `errors: [{field, rule, message}]`. So each
`/api/` operation gets, besides what its route declares:
- 401 (a bearer token that does not verify), 403 (the access gate or the route's role check), 422 (the input
  breaks a rule, naming the field and the rule), 503 (the database or the key set did not answer);
- 404 when its path names a resource (a path parameter: unknown id, or another employer's records);
- 409 when it changes something (the aggregate's state refuses the step, or a duplicate).
A route that answers something else declares it with `responses=` (see `problem_responses`).
"""
from __future__ import annotations

from collections.abc import Callable

from shared.http import PROBLEM_JSON

FIELD_PROBLEM = {  # `field` only where an input is at fault; more members carry facts the client may act on
    "type": "object", "required": ["rule", "message"],
    "properties": {"field": {"type": "string"}, "rule": {"type": "string"}, "message": {"type": "string"},
                   "article": {"type": "string"}},
}
PROBLEM = {
    "title": "Problem", "type": "object", "required": ["type", "title", "status"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "detail": {"type": "string"}, "instance": {"type": "string"},
                   "errors": {"type": "array", "items": FIELD_PROBLEM}},
}
PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": PROBLEM}}
DESCRIPTIONS = {401: "The bearer token does not verify", 403: "The caller may not make this call",
                404: "No such resource", 409: "The request conflicts with the current state",
                422: "The input breaks a rule (each broken rule names its field)",
                503: "A dependency did not answer; retry after `Retry-After` seconds"}
ALWAYS = (401, 403, 422, 503)
WRITES = frozenset({"post", "put", "patch", "delete"})


def problem_responses(*statuses: int) -> dict[int, dict]:
    """`responses=` for a route that answers a problem the defaults above do not cover."""
    return {status: _problem(status) for status in statuses}


def _problem(status: int) -> dict:
    return {"description": DESCRIPTIONS.get(status, "problem+json (RFC 9457)"), "content": PROBLEM_CONTENT}


def statuses_of(path: str, method: str) -> tuple[int, ...]:
    extra = ((404,) if "{" in path else ()) + ((409,) if method in WRITES else ())
    return tuple(sorted(ALWAYS + extra))


def document(schema: dict) -> dict:
    """Add the problem responses to every `/api/` operation (in place); FastAPI's 422 shape is replaced."""
    for path, item in schema.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, operation in item.items():
            responses = operation.get("responses") if isinstance(operation, dict) else None
            if responses is None:
                continue
            for status in statuses_of(path, method):
                key = str(status)
                if key not in responses or _fastapi_validation(responses[key]):
                    responses[key] = _problem(status)
    return schema


def _fastapi_validation(response: dict) -> bool:
    return "HTTPValidationError" in str(response.get("content", {}).get("application/json", {}))


def amend_openapi(app, amend: Callable[[dict], dict]) -> None:
    """Wrap `app.openapi` so `amend` runs once on the document FastAPI builds (and then caches on the app)."""
    build: Callable[[], dict] = app.openapi

    def openapi() -> dict:
        first = app.openapi_schema is None
        schema = build()
        return amend(schema) if first else schema

    app.openapi = openapi


def install(app) -> None:
    """The document carries the problems every operation may answer."""
    amend_openapi(app, document)
