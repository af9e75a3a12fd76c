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
    signing_key_file: Path | None = None
    """The Ed25519 key every replica signs with (a mounted Secret); unset: created under `var/keys/`."""
    issuer: str = ISSUER
    audience: str = AUDIENCE
    token_ttl_seconds: int = Field(900, gt=0)
    rate_limit_per_client: str = "1200/minute"
    rate_limit_per_ip: str = "3000/minute"
    max_body_bytes: int = Field(2 * 1024 * 1024, gt=0)
    cors_origins: list[str] = Field(default_factory=list)
    breaker_failures: int = Field(5, gt=0)
    breaker_reset_seconds: float = Field(30.0, gt=0)
    read_retries: int = Field(2, ge=0)
    catalog_cache_seconds: float = Field(10.0, ge=0)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value):
        if isinstance(value, str):
            return json.loads(value) if value.startswith("[") else [o for o in value.split(",") if o]
        return value
