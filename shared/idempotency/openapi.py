"""`Idempotency-Key` in a service's OpenAPI document: a header parameter on every state-changing `/api/`
operation, the 409 and 422 answers it adds, and the `Idempotent-Replayed` header of a replayed answer."""
from __future__ import annotations

from shared.idempotency.rules import HEADER, MAX_KEY_LENGTH, REPLAYED_HEADER, WRITES
from shared.problem_docs import amend_openapi, problem_responses

PARAMETER = {
    "name": HEADER, "in": "header", "required": False,
    "description": "Optional. Makes a retry safe (draft-ietf-httpapi-idempotency-key-header): the same key with the "
                   "same request answers the first answer again, marked `Idempotent-Replayed: true`; with another "
                   "request 422 `idempotency-key-reused`; while the first is still running 409 "
                   "`idempotency-key-in-progress`. Keys are the caller's own and kept for "
                   "`CIVIC_IDEMPOTENCY_TTL_SECONDS` (24 h). A quoted string or a bare token of 1–255 printable "
                   "characters; a UUID is a good key.",
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": "^[ -~]+$"},
}
REPLAYED = {"description": "`true` on an answer replayed for an `Idempotency-Key` already answered",
            "schema": {"type": "string", "enum": ["true"]}}
NOTES = {"409": f" — or a request with the same `{HEADER}` is still being processed (`idempotency-key-in-progress`)",
         "422": f" — or the `{HEADER}` is malformed, or was first used for a different request "
                f"(`idempotency-key-reused`)"}


def document(schema: dict) -> dict:
    """Add the header, its answers and the replay marker to every state-changing `/api/` operation (in place)."""
    for path, item in schema.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, operation in item.items():
            if method.upper() not in WRITES or not isinstance(operation, dict) or "responses" not in operation:
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name", "").lower() == HEADER.lower() for p in parameters):
                parameters.append(PARAMETER)
            responses = operation["responses"]
            for status, note in NOTES.items():
                answer = responses.setdefault(status, problem_responses(int(status))[int(status)])
                if note not in answer.get("description", ""):
                    answer["description"] = answer.get("description", "") + note
            for status, answer in responses.items():
                if status.startswith("2"):
                    answer.setdefault("headers", {})[REPLAYED_HEADER] = REPLAYED
    return schema


def install(app) -> None:
    """After `shared.problem_docs.install`, so the 409/422 it adds are there to annotate."""
    amend_openapi(app, document)
