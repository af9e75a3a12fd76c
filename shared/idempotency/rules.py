"""The pure half of `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): reading the key, the request's
fingerprint, whose key it is, and what a stored record means for a new request. No I/O, no clock: `now` is passed.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from shared.errors import Conflict, FieldProblem, InvalidInput

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PROCESSING, DONE = "processing", "done"
NOT_STORED = frozenset({401, 403, 408, 429})
"""Answers below 500 that are still never stored: a refusal of who the caller is (a refused caller neither stores
nor replays anything) and answers that say "try again later"."""
REPLAYED_HEADERS = frozenset({"content-type", "location", "content-location", "etag", "last-modified",
                              "content-language", "content-disposition", "retry-after", "link"})
"""The headers of a first answer that a replay repeats; the rest (request id, trace, date, length) are this
answer's own."""


class IdempotencyKeyReused(InvalidInput):
    """The draft's "reuse of a key with a different request payload": 422."""

    code = "idempotency-key-reused"
    title = "The Idempotency-Key was already used for a different request"


class IdempotencyKeyInProgress(Conflict):
    """The draft's "retried while the original request is still being processed": 409."""

    code = "idempotency-key-in-progress"
    title = "A request with this Idempotency-Key is still being processed"


def malformed(rule: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors=[FieldProblem(HEADER, rule, message)])


def key_reused() -> IdempotencyKeyReused:
    message = (f"this {HEADER} was first sent with another method, path or body; a key names one request: "
               "send a new key for a new request")
    return IdempotencyKeyReused(message, errors=[FieldProblem(HEADER, IdempotencyKeyReused.code, message)])


def key_in_progress() -> IdempotencyKeyInProgress:
    message = f"the first request with this {HEADER} has not finished yet; retry after a moment"
    return IdempotencyKeyInProgress(message, errors=[FieldProblem(HEADER, IdempotencyKeyInProgress.code, message)])


def parse_key(values: Sequence[bytes]) -> str | None:
    """The key of a request's `Idempotency-Key` header(s), None when there is none (the key is optional).

    The draft makes the value an RFC 8941 sf-string (`"8e03978e-…"`); a bare token, as Stripe's clients send it,
    is accepted too. Either way 1–255 printable ASCII characters. Raises a 422 naming the header: more than one
    header, empty, too long, unprintable, or a quoted string that is not one."""
    if not values:
        return None
    if len(values) > 1:
        raise malformed("idempotency-key-single", f"send one {HEADER} header, not {len(values)}")
    raw = values[0].strip(b" \t")
    if any(b < 0x20 or b > 0x7E for b in raw):
        raise malformed("idempotency-key-printable", f"{HEADER} holds only printable ASCII characters")
    text = raw.decode("ascii")
    key = _unquote(text) if text.startswith('"') else text
    if not key or len(key) > MAX_KEY_LENGTH:
        raise malformed("idempotency-key-length", f"{HEADER} holds 1 to {MAX_KEY_LENGTH} characters")
    return key


def _unquote(text: str) -> str:
    """An RFC 8941 sf-string: `"`, printable characters with `\\"` and `\\\\` escaped, `"`."""
    if len(text) < 2 or not text.endswith('"'):
        raise malformed("idempotency-key-syntax", f'{HEADER} is a quoted string ("…") or a bare token')
    chars, inner, i = [], text[1:-1], 0
    while i < len(inner):
        char = inner[i]
        if char == "\\" and i + 1 < len(inner) and inner[i + 1] in '"\\':
            char, i = inner[i + 1], i + 1
        elif char in '"\\':
            raise malformed("idempotency-key-syntax", f'{HEADER}: inside a quoted string, escape " and \\')
        chars.append(char)
        i += 1
    return "".join(chars)


def caller_of(user: str | None, employer: str | None, roles: Iterable[str]) -> str:
    """Whose key it is: the user, the unit and the roles the service acts for (the token's principal; without
    required tokens the `X-Civic-*` headers), so two callers' keys never meet, and an answer is replayed only to a
    caller with the roles that were let through the first time: a caller refused now never gets an earlier
    answer."""
    return "\x1f".join((user or "anonymous", employer or "", ",".join(sorted(roles))))


def record_id(caller: str, key: str) -> str:
    """The stored record's `_id`: unique per (caller, key), so inserting it is the claim, atomic on MongoDB and
    FerretDB alike, across processes and replicas."""
    return hashlib.sha256(f"{caller}\x1e{key}".encode()).hexdigest()


def fingerprint(method: str, path: str, query: str, content_type: str, body: bytes) -> str:
    """What makes two requests "the same": method, path, query, media type and body. A JSON body is compared as
    data (keys sorted, whitespace dropped, numbers kept as written: `1.0` is not `1`), any other body as bytes."""
    media = content_type.split(";", 1)[0].strip().lower()
    digest = hashlib.sha256()
    for part in (method.upper(), path, query, media):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\x00")
    digest.update(_canonical_body(body) if "json" in media else body)
    return digest.hexdigest()


class _Number(str):
    """A JSON number as written."""


def _canonical_body(body: bytes) -> bytes:
    try:
        value = json.loads(body, parse_float=_Number, parse_int=_Number, parse_constant=_Number)
    except ValueError:
        return body
    return b"json:" + _canonical(value).encode()


def _canonical(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_canonical(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    if isinstance(value, _Number):
        return str.__str__(value)
    return json.dumps(value)


class Outcome(Enum):
    CLAIM = "claim"  # nothing stored: insert the claim and run the request
    REPLAY = "replay"  # the same request was answered: send that answer again
    REUSED = "reused"  # the key names another request: 422
    IN_PROGRESS = "in-progress"  # the same request is running elsewhere: 409
    TAKE_OVER = "take-over"  # expired, or a claim whose holder died: claim it anew


def decide(record: Mapping[str, Any] | None, fingerprint_: str, now: datetime) -> Outcome:
    """What a request with a key does, given what is stored under the key (None: nothing)."""
    if record is None:
        return Outcome.CLAIM
    if record["expires_at"] <= now:
        return Outcome.TAKE_OVER  # past its TTL the record is as good as gone (FerretDB v1 has no TTL index)
    if record["fingerprint"] != fingerprint_:
        return Outcome.REUSED
    if record["state"] == DONE:
        return Outcome.REPLAY
    return Outcome.TAKE_OVER if record["claimed_until"] <= now else Outcome.IN_PROGRESS


def storable(status: int, size: int, max_bytes: int) -> str | None:
    """None when an answer is kept for replay, else why not: a 5xx (the retry must run again), a refusal or a
    "try later", or a body over `max_bytes` (kept out of the database; the retry runs again)."""
    if status >= 500:
        return f"a {status} is never replayed"
    if status in NOT_STORED:
        return f"a {status} is never replayed"
    if size > max_bytes:
        return f"the answer's {size} bytes exceed the {max_bytes} kept for replay"
    return None
