"""Verifying the gateway's access tokens in any process, and the principal a route gets from them.

Tokens are JWTs signed by the gateway (EdDSA/Ed25519 by default), published at its JWKS endpoint. Checks follow
RFC 8725: the algorithm comes from an allow-list (never from the token alone — `none` and HMAC are refused), the key
is chosen by `kid` from the JWKS, and `typ` (`at+jwt`, RFC 9068), `iss`, `aud`, `exp`, `iat` and `sub` are required
and checked. The JWKS is cached; an unknown `kid` causes at most one re-fetch per `min_refresh` seconds (key
rotation), after which the token is refused.

A token that passed is remembered until its `exp` (at most `cache_size` of them, the oldest forgotten first), so the
same token on its next request costs a dictionary lookup instead of a signature check and a key parse (0.26 ms of
CPU each, `bench.gateway_read`; the gateway and the service both verify every request). Only the exact token string
is remembered, so any change to it is verified afresh. What this gives up: a key withdrawn from the JWKS stops
tokens it signed only when they expire (15 minutes by default) rather than at the next request — the same window a
service that cached the JWKS had before.

A service wires it up once (bootstrap/main) and adds the dependency to its routes:

    app.state.verifier = Verifier(HttpJwks(gateway_url + JWKS_PATH, http))
    @router.get("/employers/{employer_id}")
    async def get(employer_id: str, principal: CurrentPrincipal): principal.require_employer(employer_id) ...
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated

import httpx
import jwt
from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from shared.errors import Forbidden, NotFound


JWKS_PATH = "/.well-known/jwks.json"
TOKEN_TYPE = "at+jwt"
ISSUER = "civic-mesh-gateway"
AUDIENCE = "civic-mesh"
ALGORITHMS = ("EdDSA", "RS256")
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]


class Role:
    REGISTRY_OFFICER = "registry-officer"
    INSURANCE_OFFICER = "insurance-officer"
    CONTRACTS_REGISTRAR = "contracts-registrar"
    REGISTRAR_HEAD = "registrar-head"
    MANAGEMENT_OFFICE_DIRECTOR = "management-office-director"
    COMMERCE_OFFICER = "commerce-officer"
    DISTRICT_APPROVER = "district-approver"  # the district government's approvals (market closure, relocation)
    STREET_OFFICER = "street-officer"
    EMPLOYER_USER = "employer-user"
    AUDITOR = "auditor"
    OPS = "ops"
    DEPARTMENT_SYSTEM = "department-system"


ROLES = frozenset(v for k, v in vars(Role).items() if k.isupper())


class Unauthenticated(HTTPException):
    """401 problem+json with `WWW-Authenticate: Bearer` (RFC 6750); an HTTPException so the header is kept."""

    def __init__(self, detail: str) -> None:
        super().__init__(401, detail=f"A valid bearer token is required: {detail}",
                         headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


@dataclass(frozen=True)
class Principal:
    """Who is calling: a person (roles; `employer_id` for employer users) or a department system (scopes)."""

    subject: str
    roles: frozenset[str] = frozenset()
    employer_id: str | None = None
    scopes: frozenset[str] = frozenset()
    client_id: str | None = None
    claims: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_claims(cls, claims: dict) -> "Principal":
        return cls(subject=claims["sub"], roles=frozenset(claims.get("roles", ())),
                   employer_id=claims.get("employer_id"), scopes=frozenset(claims.get("scope", "").split()),
                   client_id=claims.get("client_id"), claims=claims)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    def require_role(self, *roles: str) -> None:
        if not self.has_role(*roles):
            raise Forbidden(f"requires one of the roles: {', '.join(sorted(roles))}")

    def require_scope(self, scope: str) -> None:
        if scope not in self.scopes:
            raise Forbidden(f"requires the scope {scope!r}")

    def require_employer(self, employer_id: str) -> None:
        """An employer user reaches only its own employer: another unit's id answers 404 (no existence leak)."""
        if self.has_role(Role.EMPLOYER_USER) and self.employer_id != employer_id:
            raise NotFound(f"no employer {employer_id}")


JwksSource = Callable[[], Awaitable[dict]]


class HttpJwks:
    """The gateway's JWKS, fetched over HTTP and cached for `ttl` seconds (a stale copy serves on fetch errors)."""

    def __init__(self, url: str, http: httpx.AsyncClient, ttl: float = 300.0) -> None:
        self._url, self._http, self._ttl = url, http, ttl
        self._cached: dict | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self, *, force: bool = False) -> dict:
        async with self._lock:
            fresh = self._cached is not None and time.monotonic() - self._fetched_at < self._ttl
            if fresh and not force:
                return self._cached
            try:
                response = await self._http.get(self._url, timeout=3.0)
                response.raise_for_status()
            except httpx.HTTPError:
                if self._cached is None:
                    raise
                return self._cached
            self._cached, self._fetched_at = response.json(), time.monotonic()
            return self._cached


class Verifier:
    def __init__(self, jwks: JwksSource, *, issuer: str = ISSUER, audience: str = AUDIENCE,
                 algorithms: tuple[str, ...] = ALGORITHMS, leeway: float = 30.0, min_refresh: float = 30.0,
                 cache_size: int = 10_000, clock: Callable[[], float] = time.time) -> None:
        self._jwks, self._issuer, self._audience = jwks, issuer, audience
        self._algorithms, self._leeway, self._min_refresh = algorithms, leeway, min_refresh
        self._last_forced = 0.0
        self._cache_size, self._clock = cache_size, clock
        self._verified: dict[str, tuple[Principal, float]] = {}  # token → (principal, its exp); insertion order

    async def verify(self, token: str) -> Principal:
        remembered = self._verified.get(token)
        if remembered is not None:
            if self._clock() < remembered[1]:
                return remembered[0]
            del self._verified[token]
        principal = await self._verify(token)
        self._remember(token, principal)
        return principal

    def _remember(self, token: str, principal: Principal) -> None:
        """Until `exp` itself, not `exp` + leeway: a remembered token is never accepted longer than a fresh check
        would accept it."""
        if len(self._verified) >= self._cache_size:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (principal, float(principal.claims["exp"]))

    async def _verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"malformed token: {exc}") from None
        if header.get("alg") not in self._algorithms:
            raise Unauthenticated(f"algorithm {header.get('alg')!r} is not accepted")
        if header.get("typ") != TOKEN_TYPE:
            raise Unauthenticated(f"token type must be {TOKEN_TYPE!r}")
        key = await self._key(header.get("kid"), header["alg"])
        try:
            claims = jwt.decode(token, key, algorithms=[header["alg"]], audience=self._audience,
                                issuer=self._issuer, leeway=self._leeway, options={"require": REQUIRED_CLAIMS})
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"token rejected: {exc}") from None
        return Principal.from_claims(claims)

    async def _key(self, kid: str | None, alg: str):
        if not kid:
            raise Unauthenticated("token has no key id (kid)")
        jwk = _find(await self._jwks(), kid)
        if jwk is None and time.monotonic() - self._last_forced > self._min_refresh:
            self._last_forced = time.monotonic()
            jwk = _find(await self._jwks(force=True), kid)
        if jwk is None:
            raise Unauthenticated(f"unknown key id {kid!r}")
        if jwk.get("alg", alg) != alg:
            raise Unauthenticated("the token's algorithm does not match its key")
        return jwt.PyJWK(jwk, algorithm=alg).key


def _find(jwks: dict, kid: str) -> dict | None:
    return next((k for k in jwks.get("keys", ()) if k.get("kid") == kid), None)


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def current_principal(request: Request) -> Principal:
    """The FastAPI dependency: the verified principal of the request (401 without a valid bearer token).

    The verifier is `request.app.state.verifier`, set once where the app is built."""
    token = bearer_token(request)
    if token is None:
        raise Unauthenticated("missing bearer token")
    return await request.app.state.verifier.verify(token)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency for routes only some roles may call: `dependencies=[Depends(require_roles(Role.AUDITOR))]`."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        principal.require_role(*roles)
        return principal

    return dependency
