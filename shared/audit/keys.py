"""The audit chains' HMAC keys, known by id so that a key can be rotated while older records stay verifiable.

One key for every process (`CIVIC_AUDIT_KEY`, a Secret in compose and Kubernetes): the CLI verifies every chain
with it. A single machine (`make run`) creates it once under `var/keys/audit.key`, race-free like the gateway's
signing key, so every process there finds the first one's key. A key is never defaulted in the code: a known key
would let anybody re-seal an edited record.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MIN_KEY_LENGTH = 32
PLACEHOLDER = "CHANGE-ME"
KEY_FILE = "audit.key"


@dataclass(frozen=True)
class Keyring:
    """`current` seals new records and checkpoints; `keys` (by id) are every key verification knows."""

    current: str
    keys: Mapping[str, bytes]

    @classmethod
    def of(cls, current: str, retired: Iterable[str] = ()) -> "Keyring":
        keys = {key_id(secret): secret.encode() for secret in (*retired, current)}
        return cls(key_id(current), keys)

    def __contains__(self, kid: object) -> bool:
        return kid in self.keys

    def mac(self, kid: str, payload: bytes) -> str:
        return hmac.new(self.keys[kid], payload, hashlib.sha256).hexdigest()


def key_id(secret: str) -> str:
    """A name for the key that reveals nothing usable about it (a hash of it, domain-separated)."""
    return hashlib.sha256(b"civic-audit-key-id\0" + secret.encode()).hexdigest()[:16]


def new_key() -> str:
    return secrets.token_urlsafe(32)


def check_key(secret: str) -> str:
    """Refuses a placeholder or a short key, so a deployment never runs on one."""
    if secret.startswith(PLACEHOLDER):
        raise ValueError("the audit key is still the placeholder; set it with `civic audit new-key`")
    if len(secret) < MIN_KEY_LENGTH:
        raise ValueError(f"an audit key has at least {MIN_KEY_LENGTH} characters (`civic audit new-key`)")
    return secret


def keyring(configured: str | None, retired: Iterable[str], keys_dir: Path, *, create: bool) -> Keyring:
    """The configured key, else the machine's key file (created when `create`, as a process does at start; the
    CLI never creates one, or it would judge every record against a key that sealed none)."""
    if configured is not None:
        return Keyring.of(configured, retired)
    path = keys_dir / KEY_FILE
    if create and not path.exists():
        _write_once(path, new_key())
    try:
        return Keyring.of(check_key(path.read_text().strip()), retired)
    except (OSError, ValueError) as exc:
        raise SystemExit(f"no usable audit key: set CIVIC_AUDIT_KEY, or run where {path} is ({exc})") from None


def _write_once(path: Path, secret: str) -> None:
    """Written to a temporary file and hard-linked into place: of two processes starting at once, the second
    finds and uses the first one's key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".audit-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secret.encode())
        os.close(fd)
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)


def settings_keyring(settings, *, create: bool) -> Keyring:
    """The keyring of a process's settings (`CommonSettings`)."""
    configured = settings.audit_key.get_secret_value() if settings.audit_key is not None else None
    retired = [key.get_secret_value() for key in settings.audit_retired_keys]
    return keyring(configured, retired, settings.var_dir / "keys", create=create)
