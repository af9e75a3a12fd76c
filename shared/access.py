"""Every service checks the caller itself (the gateway is not the only line): token, role, and the employer scope.

Each service declares an `AccessPolicy` (its `adapters/access.py`); `AccessGate` (installed by `create_app`) runs
before routing on every `/api/` request:

- a bearer token, when present, is verified against the gateway's JWKS (`shared.auth.Verifier`); without one the
  request is refused when `auth_required`, else served as before (development: the `X-Civic-*` headers as sent);
- `decide` (pure) says whether the principal may make this call: auditors read only; department systems read with
  the `<service>:read` scope; employer users reach only paths carrying their own employer id (another unit's id
  answers 404, no existence leak); officers by the service's reader/writer roles;
- the routes keep reading who acts from `X-Civic-User` / `X-Civic-Role` / `X-Civic-Employer`: with a token those are
  set from it (`X-Civic-Role`: the platform role it acts in, `AccessPolicy.acting_role`), and whatever the client
  sent is dropped.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import Depends
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.auth import Forbidden, Principal, Role, Unauthenticated, Verifier, bearer_token
from shared.errors import PROBLEM_BASE, DomainError, NotFound, Unavailable
from shared.http import problem_response

IDENTITY_HEADERS = (b"x-civic-user", b"x-civic-role", b"x-civic-employer")
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class AccessPolicy:
    service: str
    acting_roles: tuple[str, ...] = ()
    """The platform roles (`shared.auth.Role`) the routes act in, in the order a token holding several acts in them;
    the gate sets `X-Civic-Role` to the first the token holds. Empty: the writers', then the readers' roles."""
    writers: frozenset[str] = frozenset()
    readers: frozenset[str] = frozenset()
    employer_paths: tuple[str, ...] = ()
    """Regexes (on the path) with a `(?P<employer_id>…)` group: the only paths an employer user may call…"""
    employer_submissions: tuple[str, ...] = ()
    """…besides these POST paths that carry no employer id: submissions in the unit's own name…"""
    employer_scoped: tuple[str, ...] = ()
    """…and these `(method, path regex)` pairs, where the service itself answers only with the unit's own records
    (from `X-Civic-Employer`), e.g. contracts, which are keyed by the parties' USCCs, not by an employer id."""
    public_paths: tuple[str, ...] = ()
    """Regexes of read-only paths anyone may call without a token (a public notice board)."""
    department_scoped: tuple[tuple[str, str, str], ...] = ()
    """`(method, path regex, scope)`: what a department system holding `scope` may call besides reading with
    `<service>:read` — a write included (the tax authority acknowledging the notifications it read)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_employer", tuple(re.compile(p) for p in self.employer_paths))
        object.__setattr__(self, "_public", tuple(re.compile(p) for p in self.public_paths))
        object.__setattr__(self, "_submissions", tuple(re.compile(p) for p in self.employer_submissions))
        object.__setattr__(self, "_scoped", tuple((m, re.compile(p)) for m, p in self.employer_scoped))
        object.__setattr__(self, "_department", tuple((m, re.compile(p), s) for m, p, s in self.department_scoped))

    def is_public(self, method: str, path: str) -> bool:
        return method in READ_METHODS and any(p.fullmatch(path) for p in self._public)

    def is_submission(self, method: str, path: str) -> bool:
        return method == "POST" and any(p.fullmatch(path) for p in self._submissions)

    def is_scoped(self, method: str, path: str) -> bool:
        return any(method == m and p.fullmatch(path) for m, p in self._scoped)

    def department_scope(self, method: str, path: str) -> str | None:
        """The scope a department system needs for this call under `department_scoped`, if it is listed there."""
        return next((s for m, p, s in self._department if method == m and p.fullmatch(path)), None)

    def employer_in(self, path: str) -> str | None:
        return next((m["employer_id"] for p in self._employer if (m := p.fullmatch(path))), None)

    def acting_role(self, principal: Principal) -> str | None:
        """The role the routes see: the platform's own name, no service has an alias (docs/api.md, "Names")."""
        order = self.acting_roles or (*sorted(self.writers), *sorted(self.readers))
        return next((role for role in order if role in principal.roles), None)


def decide(policy: AccessPolicy, principal: Principal, method: str, path: str) -> DomainError | None:
    """None when the principal may make this call, else the refusal (403, or 404 for another unit's records)."""
    if policy.is_public(method, path):  # a public page serves every caller, with a token or without
        return None
    reading = method in READ_METHODS
    if principal.has_role(Role.EMPLOYER_USER):
        owner = policy.employer_in(path)
        if owner is None and (policy.is_submission(method, path) or policy.is_scoped(method, path)):
            return None
        if owner is None:
            return AccessDenied("an employer user reaches only its own employer's records")
        if owner != principal.employer_id:
            return NotFound(f"no employer {owner}")
        return None
    if _is_department_system(principal):
        scope = f"{policy.service}:read"
        if reading and scope in principal.scopes:
            return None
        if (granted := policy.department_scope(method, path)) is not None:
            return None if granted in principal.scopes else AccessDenied(
                f"a department system calls {method} {path} with the scope {granted!r}", scopes=[granted])
        return AccessDenied(f"a department system reads {policy.service} with the scope {scope!r}; it never writes")
    if principal.has_role(*policy.writers) or (reading and principal.has_role(*policy.readers, Role.AUDITOR)):
        return None
    if principal.has_role(Role.AUDITOR):
        return AccessDenied("an auditor reads everything and changes nothing")
    allowed = sorted(policy.writers if not reading else policy.writers | policy.readers | {Role.AUDITOR})
    return AccessDenied(f"{method} here needs one of the roles: {', '.join(allowed)}")


class AccessDenied(Forbidden):
    """Refused by who the caller is (the gate's policy or the operation's declaration), before any rule ran."""

    code = "access-denied"
    title = "This caller may not call this operation"


ACCESS_KEY = "x-civic-access"
OWN_UNIT = "*"
"""`allow(..., employer=OWN_UNIT)`: an employer user may call it for its own unit, which the use case takes from the
token (a filing in the unit's own name), not from the path."""


@dataclass(frozen=True)
class OperationAccess:
    """Who may call one operation: people with one of `roles` (platform roles, `shared.auth.Role`); employer users
    only where `employer` names the path parameter that must be their own unit (or `OWN_UNIT`); auditors and
    department systems (with the service's read scope, checked by the gate) read; `public` needs no token."""

    roles: frozenset[str]
    employer: str | None = None
    public: bool = False
    scope: str | None = None
    """A department system calls it only holding this scope (the tax authority's acknowledgement)."""

    def refusal(self, principal: Principal, method: str, path_params: Mapping[str, str]) -> DomainError | None:
        if self.public:
            return None
        reading = method in READ_METHODS
        if self.scope is not None and _is_department_system(principal) and self.scope not in principal.scopes:
            return AccessDenied(f"a department system calls {method} here with the scope {self.scope!r}",
                                scopes=[self.scope])
        if principal.has_role(Role.EMPLOYER_USER):
            if self.employer is None:
                return AccessDenied(f"an employer user may not call {method} here; it needs one of the roles: "
                                    f"{', '.join(sorted(self.roles))}", roles=sorted(self.roles))
            owner = path_params.get(self.employer) if self.employer != OWN_UNIT else principal.employer_id
            return None if owner == principal.employer_id else NotFound(f"no employer {owner}")
        if reading and (principal.has_role(Role.AUDITOR) or _is_department_system(principal)):
            return None
        if principal.has_role(*self.roles):
            return None
        return AccessDenied(f"{method} here needs one of the roles: {', '.join(sorted(self.roles)) or '(none)'}",
                            roles=sorted(self.roles))

    def document(self) -> dict[str, Any]:
        scoped = {"scope": self.scope} if self.scope is not None else {}
        return {"roles": sorted(self.roles), "employer": self.employer, "public": self.public} | scoped


def allow(*roles: str, employer: str | None = None, public: bool = False, scope: str | None = None
          ) -> dict[str, Any]:
    """The declaration of who may call an operation, next to its route:

        @router.post("/accounts/{employer_id}/fines", **allow(Role.INSURANCE_OFFICER))
        @router.get("/accounts/{employer_id}/arrears", **allow(Role.INSURANCE_OFFICER, employer="employer_id"))

    It is checked on every call that carries a verified token (after the gate's coarse policy), and published in
    the OpenAPI document as `x-civic-access`, where a test finds every operation that lacks one."""
    rule = OperationAccess(frozenset(roles), employer, public, scope)

    async def check(request: Request) -> None:
        principal: Principal | None = getattr(request.state, "principal", None)
        if principal is None:  # no token: the gate refused it unless the path is public or tokens are optional
            return
        refusal = rule.refusal(principal, request.method, request.path_params)
        if refusal is not None:
            raise refusal

    return {"dependencies": [Depends(check)], "openapi_extra": {ACCESS_KEY: rule.document()}}


def _is_department_system(principal: Principal) -> bool:
    return principal.client_id is not None or principal.has_role(Role.DEPARTMENT_SYSTEM)


class AccessGate:
    """Pure ASGI middleware (no body buffering): runs before routing on every `/api/` request."""

    def __init__(self, app: ASGIApp, *, policy: AccessPolicy, required: bool) -> None:
        self.app, self.policy, self.required = app, policy, required

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        request = Request(scope)
        method, path = request.method, request.url.path
        token = bearer_token(request)
        if token is None and (not self.required or self.policy.is_public(method, path)):
            return await self.app(scope, receive, send)
        try:
            principal = await self._verify(request, token)
        except (Unauthenticated, Unavailable) as error:
            return await _refuse(error, scope, receive, send)
        scope.setdefault("state", {})["principal"] = principal  # before deciding: a refusal is audited by name
        refusal = decide(self.policy, principal, method, path)
        if refusal is not None:
            return await _refuse(refusal, scope, receive, send)
        scope = dict(scope, headers=_identity(scope["headers"], principal, self.policy.acting_role(principal)))
        await self.app(scope, receive, send)

    @staticmethod
    async def _verify(request: Request, token: str | None) -> Principal:
        verifier: Verifier | None = getattr(request.app.state, "verifier", None)  # set by create_app
        if token is None:
            raise Unauthenticated("missing bearer token")
        if verifier is None:
            raise Unauthenticated("no key set to verify it with")
        try:
            return await verifier.verify(token)
        except httpx.HTTPError as exc:  # the gateway's JWKS is unreachable and nothing is cached yet
            raise Unavailable(f"tokens cannot be verified right now: {exc!r}") from None


def _identity(headers: list[tuple[bytes, bytes]], principal: Principal, acting_role: str | None) -> list:
    kept = [(k, v) for k, v in headers if k not in IDENTITY_HEADERS]
    kept.append((b"x-civic-user", principal.subject.encode()))
    if acting_role:
        kept.append((b"x-civic-role", acting_role.encode()))
    if principal.employer_id:
        kept.append((b"x-civic-employer", principal.employer_id.encode()))
    return kept


async def _refuse(error: Exception, scope: Scope, receive: Receive, send: Send) -> None:
    if isinstance(error, Unauthenticated):  # an HTTPException, so that its WWW-Authenticate header is kept
        body = {"type": PROBLEM_BASE + "unauthenticated", "title": "Authentication required", "status": 401,
                "detail": error.detail}
        response = problem_response(body, error.headers)
    else:
        response = problem_response(error.problem(scope["path"]))
    await response(scope, receive, send)
