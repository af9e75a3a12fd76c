"""The gateway's guard on every forwarded request and token request: rate limit per IP, then the token (verified
when present, required when `auth_required`), then rate limit per client. The principal is left on
`request.state.principal` for the audit record."""
from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request

from gateway.ratelimit import RateLimits
from shared.access import AccessPolicy
from shared.auth import Principal, Unauthenticated, Verifier, bearer_token


def guard(verifier: Verifier, limits: RateLimits, *, required: bool, public_paths: Sequence[str] = ()):
    """`public_paths`: regexes of read-only pages served without a token even when tokens are required."""
    public = AccessPolicy(service="gateway", public_paths=tuple(public_paths))

    async def dependency(request: Request) -> Principal | None:
        await limits.check_ip(request)
        token = bearer_token(request)
        principal = await verifier.verify(token) if token else None
        if principal is None and required and not public.is_public(request.method, request.url.path):
            raise Unauthenticated("missing bearer token")
        request.state.principal = principal
        if principal is not None:
            await limits.check_client(principal)
        return principal

    return dependency


def open_guard(limits: RateLimits):
    """For endpoints anyone may call (the token endpoint): only the per-IP limit."""

    async def dependency(request: Request) -> None:
        await limits.check_ip(request)

    return dependency
