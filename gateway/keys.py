"""The gateway's signing key: Ed25519, published as a JWKS.

Several replicas (Kubernetes) must sign with ONE key, or a token issued by one fails at a service that fetched
another's JWKS: there the key is a Secret mounted as a file (`CIVIC_SIGNING_KEY_FILE`, made once with
`civic keys new`). A single process (`make run`, compose) creates it on first start under `var/keys/`; creation is
race-free (written to a temporary file and hard-linked into place, so a second process finds the first one's key).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

from shared.auth import TOKEN_TYPE

ALGORITHM = "EdDSA"


class KeyStore:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private = private_key
        public = OKPAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
        self.kid = _thumbprint(public)
        self._jwk = public | {"kid": self.kid, "use": "sig", "alg": ALGORITHM}

    @classmethod
    def load_or_create(cls, directory: Path) -> "KeyStore":
        path = directory / "gateway-signing.pem"
        if not path.exists():
            _create(path)
        return cls(serialization.load_pem_private_key(path.read_bytes(), password=None))

    @classmethod
    def load(cls, path: Path) -> "KeyStore":
        """A key that must already exist (a mounted Secret): never created here, so replicas cannot diverge."""
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as exc:
            raise SystemExit(f"the signing key {path} cannot be read as a PEM private key ({exc}); "
                             "create one with `civic keys new` and mount it there") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise SystemExit(f"the signing key {path} is not an Ed25519 key; create one with `civic keys new`")
        return cls(key)

    def jwks(self) -> dict:
        return {"keys": [dict(self._jwk)]}

    def sign(self, claims: dict) -> str:
        return jwt.encode(claims, self._private, algorithm=ALGORITHM, headers={"kid": self.kid, "typ": TOKEN_TYPE})


def new_private_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = new_private_pem()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, pem)
        os.close(fd)
        os.link(tmp, path)
    except FileExistsError:
        pass  # another replica created it first; use theirs
    finally:
        os.unlink(tmp)


def _thumbprint(jwk: dict) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url) of an OKP public key."""
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
