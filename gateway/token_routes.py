"""`POST /oauth/token` (password and client-credentials grants, RFC 6749) and the JWKS the services verify with."""
from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from pydantic import BaseModel

from gateway.identity import Accounts, TokenIssuer
from gateway.sign_in import SignInThrottle
from gateway.keys import KeyStore
from shared.auth import JWKS_PATH
from shared.errors import DomainError
from shared.problem_docs import problem_responses


class OAuthError(DomainError):
    """RFC 6749 §5.2 error, rendered as problem+json that also carries the OAuth `error` code."""

    def __init__(self, error: str, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.error = error
        self.status, self.code, self.title = status, f"oauth-{error}", "The token request was refused"

    def problem(self, instance: str | None = None) -> dict:
        """OAuth clients read `error` at the top level (RFC 6749 §5.2), beside the problem's own members."""
        return super().problem(instance) | {"error": self.error}


class TokenResponse(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


class Jwks(BaseModel):
    keys: list[dict[str, str]]


def router(accounts: Accounts, issuer: TokenIssuer, keys: KeyStore, guard, throttle: SignInThrottle) -> APIRouter:
    api = APIRouter(tags=["identity"])

    @api.get(JWKS_PATH)
    async def jwks() -> Jwks:
        """The public keys that verify the gateway's access tokens."""
        return Jwks.model_validate(keys.jwks())

    @api.post("/oauth/token", dependencies=[Depends(guard)], response_model=TokenResponse,
              responses=problem_responses(400, 401, 422, 429))
    async def token(request: Request, grant_type: Annotated[str | None, Form()] = None,
                    username: Annotated[str | None, Form()] = None, password: Annotated[str | None, Form()] = None,
                    client_id: Annotated[str | None, Form()] = None,
                    client_secret: Annotated[str | None, Form()] = None,
                    scope: Annotated[str | None, Form()] = None) -> dict:
        """Password grant for people, client-credentials grant for department systems. Failed attempts are
        throttled per account and per address (429 with `Retry-After`)."""
        address = request.client.host if request.client else "unknown"
        if grant_type == "password":
            if not username or not password:
                raise OAuthError("invalid_request", "username and password are required")
            account = await throttle.check(f"user:{username}", address,
                                           lambda: accounts.user_by_password(username, password))
            if account is None:
                raise OAuthError("invalid_grant", "wrong username or password")
            return issuer.issue(account)
        if grant_type == "client_credentials":
            client_id, client_secret = _client_credentials(request, client_id, client_secret)
            account = await throttle.check(f"client:{client_id}", address,
                                           lambda: accounts.client_by_secret(client_id, client_secret))
            if account is None:
                raise OAuthError("invalid_client", "wrong client id or secret", status=401)
            return issuer.issue(account, tuple(scope.split()) if scope else None)
        raise OAuthError("unsupported_grant_type", f"grant_type {grant_type!r} is not supported")

    return api


def _client_credentials(request: Request, client_id: str | None, secret: str | None) -> tuple[str, str]:
    """From the form, or from HTTP Basic (RFC 6749 §2.3.1)."""
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise OAuthError("invalid_client", "malformed Basic credentials", status=401) from None
    if not client_id or not secret:
        raise OAuthError("invalid_request", "client_id and client_secret are required")
    return client_id, secret
