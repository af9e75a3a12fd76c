"""Text no database can store is refused at the door: a NUL character or an unpaired UTF-16 surrogate.

PostgreSQL (under FerretDB) refuses `\\u0000` in a JSON value and UTF-8 has no encoding for a lone surrogate, so such
a string would fail deep inside a use case, after work that cannot be undone (a certificate number claimed), and
answer 500. No regulation's field is meant to hold either. A request carrying one gets 422 problem+json naming each
field, before any route runs.

`shared.request_guard.RequestGuard` applies it to every request; a body is parsed here only when a byte scan finds
an escape that could decode to such a character, so an ordinary request costs one regular-expression scan.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import Scope

RULE = "storable-text"
MESSAGE = "contains a NUL character or an unpaired surrogate, which cannot be stored"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SUSPECT_BYTES = re.compile(rb"\x00|\\u(?:0000|[dD][89a-fA-F])")


def unstorable(text: str) -> bool:
    return _UNSTORABLE.search(text) is not None


def unstorable_fields(value: Any, path: str = "") -> Iterator[str]:
    """Dotted paths (`parties.0.name`) of every string in a decoded JSON value, key or value, that cannot be stored."""
    if isinstance(value, str):
        if unstorable(value):
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            if unstorable(str(key)):
                yield inner
            yield from unstorable_fields(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from unstorable_fields(item, f"{path}.{index}" if path else str(index))


def body_problems(body: bytes, content_type: str) -> list[str]:
    if not _SUSPECT_BYTES.search(body):
        return []
    if "json" in content_type:
        try:
            return list(unstorable_fields(json.loads(body)))
        except ValueError:
            return []  # malformed JSON: FastAPI's own validation answers it
    return ["body"]  # a raw NUL byte in a form or file upload


def request_problems(scope: Scope, body: bytes) -> list[str]:
    problems = ["path"] if unstorable(scope.get("path", "")) else []
    query = scope.get("query_string", b"").decode("latin-1")
    problems += [name for name, value in parse_qsl(query, keep_blank_values=True)
                 if unstorable(name) or unstorable(value)]
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"").decode("latin-1")
    return problems + body_problems(body, content_type)
