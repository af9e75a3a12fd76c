"""Settings only the gateway has (env prefix `CIVIC_`), built once in `gateway/bootstrap.py`."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, field_validator

from shared.auth import AUDIENCE, ISSUER
from shared.config import Section


class GatewaySettings(Section):
    """The gateway's own section; `auth_required` and the services' addresses are in the common one."""

    upstream_timeout: float = 10.0
    """Seconds the gateway waits for a service before it answers 504."""
    seed_demo: bool = False
    """Create the demo accounts at start (`make run`; never in production)."""
    signing_key_file: Path | None = None
    """The Ed25519 key every replica signs with (a mounted Secret); unset: created under `var/keys/`."""
    issuer: str = ISSUER
    """`iss` of the tokens the gateway signs and checks."""
    audience: str = AUDIENCE
    """`aud` of the tokens the gateway signs and checks."""
    token_ttl_seconds: int = Field(900, gt=0)
    """Lifetime of an access token."""
    rate_limit_per_client: str = "1200/minute"
    """Requests a signed-in user or client may make (`limits` syntax); above it, 429 with `Retry-After`."""
    rate_limit_per_ip: str = "3000/minute"
    """Requests one address may make, signed in or not."""
    sign_in_failures_per_account: str = "10/15minutes"
    """Failed sign-ins one username or client id may have (`limits` syntax); past it, 429 until the window frees."""
    sign_in_failures_per_ip: str = "30/15minutes"
    """Failed sign-ins one address may have, over all accounts."""
    password_checks_at_once: int = Field(1, gt=0)
    """argon2 checks running at the same time (each takes ~64 MiB and every core for tens of milliseconds)."""
    password_checks_waiting: int = Field(16, ge=0)
    """Sign-ins that may wait for a check; more are refused at once with 429 so other requests keep their CPU."""
    cors_origins: list[str] = Field(default_factory=list)
    """Browser origins allowed to call the API (JSON list or comma-separated); none by default."""
    breaker_failures: int = Field(5, gt=0)
    """Consecutive failures of one service that open its circuit (503 at once, no call)."""
    breaker_reset_seconds: float = Field(30.0, gt=0)
    """How long an open circuit waits before it lets a trial call through."""
    read_retries: int = Field(2, ge=0)
    """Retries of an idempotent read whose connection to a service failed (writes are never retried)."""
    catalog_cache_seconds: float = Field(10.0, ge=0)
    """How long the services' OpenAPI documents are cached for the merged one."""
    public_paths: list[str] = Field(default_factory=lambda: [r"/api/v1/markets/[^/]+/food-safety",
                                                             r"/api/v1/registry/service-catalogue"])
    """Regexes of the read-only pages forwarded without a token (the services' own `AccessPolicy.public_paths`:
    the gateway imports no service, so they are repeated here): a market's food-safety sampling results
    (抽检结果公示, 菜市场建设管理办法第二十五条) and registry's service catalogue. A token sent is still verified."""

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value):
        if isinstance(value, str):
            return json.loads(value) if value.startswith("[") else [o for o in value.split(",") if o]
        return value
