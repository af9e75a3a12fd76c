"""The audit chain's rules, pure: how a record is sealed, how a checkpoint is sealed, and how a chain is judged.

Record n stores `prev` = the MAC of record n-1 and `mac` = HMAC-SHA256, under the key named by its `kid`, over its
own canonical JSON (`prev`, `chain` and `kid` included). Without the key nobody can seal an edited record again: a
record re-hashed with plain SHA-256, or sealed with another key, fails as `wrong mac` at its own position. `chain`
(the process's name) is sealed in, so a record copied from another service's chain fails too.

A checkpoint seals the head (n and its MAC) apart from the records; a chain that ends before its latest checkpoint
was truncated, and one whose record at a checkpointed position has another MAC was cut and written again.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from shared.audit.keys import Keyring

GENESIS = "0" * 64
RECORD_FIELDS = ("n", "chain", "kid", "at", "subject", "roles", "employer", "client_id", "via", "ip", "method",
                 "path", "target", "status", "outcome", "trace_id", "request_id", "prev")
CHECKPOINT_FIELDS = ("n", "chain", "kid", "at", "head")


@dataclass(frozen=True)
class Entry:
    """What happened, before it gets its place in the chain. `via` says where the identity came from: `token`
    (verified), `headers` (the X-Civic-* headers a service believes when tokens are not required) or `none`."""

    subject: str
    roles: tuple[str, ...]
    employer: str | None
    client_id: str | None
    via: str
    ip: str | None
    method: str
    path: str
    target: str | None
    status: int
    trace_id: str | None
    request_id: str | None


@dataclass(frozen=True)
class Verification:
    """`checked` records were sound; when not `ok`, `broken_at` is the first bad position and `reason` says why."""

    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str | None = None


def canonical(document: Mapping, fields: Iterable[str]) -> bytes:
    return json.dumps({k: document.get(k) for k in fields}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, default=str).encode()


def seal_record(entry: Entry, *, n: int, prev: str, chain: str, keys: Keyring, at: datetime) -> dict:
    record = {"n": n, "chain": chain, "kid": keys.current, "at": at.isoformat(), "subject": entry.subject,
              "roles": list(entry.roles), "employer": entry.employer, "client_id": entry.client_id,
              "via": entry.via, "ip": entry.ip, "method": entry.method, "path": entry.path, "target": entry.target,
              "status": entry.status, "outcome": "success" if entry.status < 400 else "failure",
              "trace_id": entry.trace_id, "request_id": entry.request_id, "prev": prev}
    return record | {"mac": keys.mac(keys.current, canonical(record, RECORD_FIELDS))}


def seal_checkpoint(record: Mapping, *, keys: Keyring, at: datetime) -> dict:
    """The head `record` (its position and MAC), sealed on its own."""
    checkpoint = {"n": record["n"], "chain": record["chain"], "kid": keys.current, "at": at.isoformat(),
                  "head": record["mac"]}
    return checkpoint | {"mac": keys.mac(keys.current, canonical(checkpoint, CHECKPOINT_FIELDS))}


def sealed(document: Mapping, fields: Iterable[str], keys: Keyring) -> bool:
    """The document's MAC is right under the key it names (False for a key nobody knows)."""
    kid = document.get("kid")
    return kid in keys and keys.mac(kid, canonical(document, fields)) == document.get("mac")


def record_fault(record: Mapping, *, expected_n: int, prev: str, chain: str, keys: Keyring,
                 checkpoints: Mapping[int, Mapping]) -> str | None:
    """Why this record breaks the chain, or None. Its own seal is judged before its link, so an edited record is
    named itself, not its successor."""
    if record.get("n") != expected_n:
        return "position gap"
    if record.get("kid") not in keys:
        return "unknown key"
    if not sealed(record, RECORD_FIELDS, keys):
        return "wrong mac"
    if record.get("prev") != prev:
        return "broken link"
    if record.get("chain") != chain:
        return "wrong chain"
    checkpoint = checkpoints.get(expected_n)
    if checkpoint is not None and checkpoint["head"] != record.get("mac"):
        return "checkpoint mismatch"
    return None


def verify_chain(records: Iterable[Mapping], *, chain: str, keys: Keyring, start_prev: str = GENESIS,
                 start_n: int = 1, checkpoints: Mapping[int, Mapping] | None = None) -> Verification:
    """Walk records in order: positions contiguous, each sealed under a known key, each `prev` the MAC before it,
    each checkpointed position holding the MAC its checkpoint sealed."""
    prev, expected_n = start_prev, start_n
    for record in records:
        reason = record_fault(record, expected_n=expected_n, prev=prev, chain=chain, keys=keys,
                              checkpoints=checkpoints or {})
        if reason:
            return Verification(False, expected_n - start_n, broken_at=expected_n, reason=reason)
        prev, expected_n = record["mac"], expected_n + 1
    return Verification(True, expected_n - start_n)


def sound_checkpoints(checkpoints: Iterable[Mapping], *, chain: str,
                      keys: Keyring) -> tuple[dict[int, Mapping], Verification | None]:
    """The checkpoints by position, or the first forged one (a wrong seal, an unknown key, another chain)."""
    found: dict[int, Mapping] = {}
    for checkpoint in sorted(checkpoints, key=lambda c: c.get("n") or 0):
        if checkpoint.get("chain") != chain or not sealed(checkpoint, CHECKPOINT_FIELDS, keys):
            return found, Verification(False, 0, broken_at=checkpoint.get("n"), reason="forged checkpoint")
        found[checkpoint["n"]] = checkpoint
    return found, None


def verify_end(length: int, checkpoints: Mapping[int, Mapping]) -> Verification:
    """A sound chain of `length` records must reach its latest checkpoint; if it stops short it was truncated,
    and the first missing position is named."""
    latest = max(checkpoints, default=0)
    if length < latest:
        return Verification(False, length, broken_at=length + 1, reason="truncated")
    return Verification(True, length)
