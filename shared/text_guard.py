"""Text refused at the door, before any route runs: 422 problem+json naming each field and the rule.

- `storable-text`: a NUL character or an unpaired UTF-16 surrogate. PostgreSQL (under FerretDB) refuses `\\u0000`
  in a JSON value and UTF-8 has no encoding for a lone surrogate, so such a string failed deep inside a use case,
  after work that cannot be undone (a certificate number claimed), and answered 500.
- `printable-text`: a control character other than tab, line feed and carriage return, or a bidirectional
  embedding, override or isolate (U+202A–U+202E, U+2066–U+2069). No regulation's field is meant to hold one, and an
  employer registered as `\\u202e…` reads backwards on every certificate and list (the Trojan Source trick).

`shared.request_guard.RequestGuard` applies it to every request; a body is parsed here only when a byte scan finds a
character or an escape that could be refused, so an ordinary request costs one regular-expression scan.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import Scope

from shared.errors import FieldProblem

RULES = {
    "storable-text": (re.compile("[\x00\ud800-\udfff]"),
                      "contains a NUL character or an unpaired surrogate, which cannot be stored"),
    "printable-text": (re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"),
                       "contains a control character or a bidirectional override, which no name or text may hold"),
}
_SUSPECT_BYTES = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
    rb"|\\u(?:00[0-1][0-9a-fA-F]|00[7-9][0-9a-fA-F]|202[a-eA-E]|206[6-9]|[dD][89a-fA-F])")
Problem = tuple[str, str]
"""(field, rule)."""


def refused_rule(text: str) -> str | None:
    """The first rule `text` breaks, or None."""
    return next((rule for rule, (pattern, _) in RULES.items() if pattern.search(text)), None)


def refused_fields(value: Any, path: str = "") -> Iterator[Problem]:
    """(dotted path such as `parties.0.name`, rule) of every string in a decoded JSON value, key or value, that is
    refused."""
    if isinstance(value, str):
        if rule := refused_rule(value):
            yield path or "body", rule
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            if rule := refused_rule(str(key)):
                yield inner, rule
            yield from refused_fields(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from refused_fields(item, f"{path}.{index}" if path else str(index))


def body_problems(body: bytes, content_type: str) -> list[Problem]:
    if not _SUSPECT_BYTES.search(body):
        return []
    if "json" in content_type:
        try:
            return list(refused_fields(json.loads(body)))
        except ValueError:
            return []  # malformed JSON: FastAPI's own validation answers it
    rule = refused_rule(body.decode("utf-8", errors="replace"))
    return [("body", rule)] if rule else []  # a form or file upload (CSV)


def request_problems(scope: Scope, body: bytes) -> list[Problem]:
    problems = [("path", rule)] if (rule := refused_rule(scope.get("path", ""))) else []
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="replace"):
        if rule := refused_rule(name) or refused_rule(value):
            problems.append((name, rule))
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"").decode("latin-1")
    return problems + body_problems(body, content_type)


def field_problems(problems: list[Problem]) -> list[FieldProblem]:
    return [FieldProblem(field, rule, RULES[rule][1]) for field, rule in problems]
