"""The gateway's signing key: Ed25519, created on first start under `var/keys/`, published as a JWKS.

Creation is race-free between replicas: the key is written to a temporary file and hard-linked into place, so
the second process finds the first one's key instead of overwriting it.
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

    def jwks(self) -> dict:
        return {"keys": [dict(self._jwk)]}

    def sign(self, claims: dict) -> str:
        return jwt.encode(claims, self._private, algorithm=ALGORITHM, headers={"kid": self.kid, "typ": TOKEN_TYPE})


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
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
