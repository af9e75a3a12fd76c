"""Users (people) and clients (department systems) in the gateway's own collections; argon2 hashes; tokens.

A user has roles and, when an employer user, exactly one employer id. A client is a department system with
the scopes it was granted. The token carries what services need to decide: `sub`, `roles`, `employer_id`,
`scope`, `client_id`.
"""
from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gateway.keys import KeyStore
from shared.auth import ROLES, Role
from shared.errors import Conflict, ProblemCollector
from shared.mongo import ASCENDING, Collection, DuplicateKeyError

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class Account:
    """A user or a client: who it is and what it may claim."""

    subject: str
    roles: tuple[str, ...]
    employer_id: str | None = None
    scopes: tuple[str, ...] = ()
    client_id: str | None = None


@dataclass
class NewUser:
    username: str
    password: str
    roles: list[str]
    employer_id: str | None = None


@dataclass
class NewClient:
    client_id: str
    secret: str
    scopes: list[str] = field(default_factory=list)
    name: str = ""


def check_user(user: NewUser) -> None:
    """Roles from the known set; an employer user is bound to one employer id, nobody else is."""
    problems = ProblemCollector()
    if not user.roles:
        problems.add("roles", "required", "a user needs at least one role")
    for role in set(user.roles) - ROLES:
        problems.add("roles", "known-role", f"unknown role {role!r}; known: {', '.join(sorted(ROLES))}")
    if Role.EMPLOYER_USER in user.roles and not user.employer_id:
        problems.add("employer_id", "required", "an employer user must be bound to one employer id")
    if user.employer_id and Role.EMPLOYER_USER not in user.roles:
        problems.add("employer_id", "employer-user-only", "only employer users are bound to an employer")
    if len(user.password) < 8:
        problems.add("password", "min-length", "a password has at least 8 characters")
    problems.raise_if_any()


class Accounts:
    """The users and clients collections: the only place with their queries."""

    def __init__(self, users: Collection, clients: Collection) -> None:
        self._users, self._clients = users, clients

    async def ensure_indexes(self) -> None:
        await self._users.create_index([("username", ASCENDING)], unique=True, name="username")
        await self._clients.create_index([("client_id", ASCENDING)], unique=True, name="client_id")

    async def add_user(self, user: NewUser) -> None:
        check_user(user)
        doc = {"_id": user.username, "username": user.username, "roles": sorted(set(user.roles)),
               "employer_id": user.employer_id, "password_hash": await _hash(user.password), "at": _now()}
        await self._insert(self._users, doc, f"user {user.username!r}")

    async def add_client(self, client: NewClient) -> None:
        doc = {"_id": client.client_id, "client_id": client.client_id, "name": client.name,
               "scopes": sorted(set(client.scopes)), "secret_hash": await _hash(client.secret), "at": _now()}
        await self._insert(self._clients, doc, f"client {client.client_id!r}")

    async def user_by_password(self, username: str, password: str) -> Account | None:
        doc = await self._users.find_one({"username": username})
        if not await _verify(doc["password_hash"] if doc else None, password) or doc.get("disabled"):
            return None
        return Account(doc["username"], tuple(doc["roles"]), employer_id=doc.get("employer_id"))

    async def client_by_secret(self, client_id: str, secret: str) -> Account | None:
        doc = await self._clients.find_one({"client_id": client_id})
        if not await _verify(doc["secret_hash"] if doc else None, secret) or doc.get("disabled"):
            return None
        return Account(client_id, (Role.DEPARTMENT_SYSTEM,), scopes=tuple(doc["scopes"]), client_id=client_id)

    async def _insert(self, collection: Collection, doc: dict, what: str) -> None:
        try:
            await collection.insert_one(doc)
        except DuplicateKeyError:
            raise Conflict(f"{what} already exists") from None


async def _hash(secret: str) -> str:
    return await asyncio.to_thread(_hasher.hash, secret)


async def _verify(stored: str | None, given: str) -> bool:
    """Argon2 verification; an unknown account is checked against a dummy hash so timing does not tell."""
    try:
        return await asyncio.to_thread(_hasher.verify, stored or _DUMMY_HASH, given) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_secret() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class TokenIssuer:
    keys: KeyStore
    issuer: str
    audience: str
    ttl_seconds: int

    def issue(self, account: Account, scopes: tuple[str, ...] | None = None) -> dict:
        now = int(time.time())
        granted = account.scopes if scopes is None else tuple(s for s in scopes if s in account.scopes)
        claims = {"iss": self.issuer, "aud": self.audience, "sub": account.subject, "iat": now, "nbf": now,
                  "exp": now + self.ttl_seconds, "jti": str(uuid.uuid4()), "roles": list(account.roles),
                  "scope": " ".join(granted)}
        claims |= {k: v for k, v in (("employer_id", account.employer_id), ("client_id", account.client_id)) if v}
        return {"access_token": self.keys.sign(claims), "token_type": "Bearer", "expires_in": self.ttl_seconds,
                "scope": claims["scope"]}


def _now() -> datetime:
    return datetime.now(timezone.utc)
