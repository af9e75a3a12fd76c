"""The settings of every process: a common section, a section per process, all from the environment."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.audit.keys import check_key

SERVICE_PORTS: dict[str, int] = {
    "gateway": 8000,
    "registry": 8001,
    "insurance": 8002,
    "contracts": 8003,
    "markets": 8004,
    "workforce": 8005,
}
SERVICES: tuple[str, ...] = ("registry", "insurance", "contracts", "markets", "workforce")


class Section(BaseSettings):
    """The one settings pattern: every process reads a common section (`Settings`, below) plus a section of its own
    (`services/<name>/settings.py`, `gateway/settings.py`), each a subclass of this, all from `CIVIC_*` variables,
    built once in bootstrap and passed down. Each field's docstring is its meaning in the README's configuration
    table, which is generated from these classes (`python -m deploy.config_table --write`)."""

    model_config = SettingsConfigDict(env_prefix="CIVIC_", extra="ignore", frozen=True, validate_by_name=True,
                                      use_attribute_docstrings=True)


class CommonSettings(Section):
    """What every process needs: who it is, where its database is, tracing, logging, tokens.
    Environment: `CIVIC_*`, plus `MONGO_URL`, `AMQP_URL` and `OTEL_EXPORTER_OTLP_ENDPOINT` as the tools name them."""

    service: str
    namespace: str = Field("civic", pattern=r"^[a-z][a-z0-9_]{0,30}$")
    """Prefix of every database, exchange and queue (tests run each in a namespace of its own)."""
    host: str = "127.0.0.1"
    """Where the process listens."""
    port: int = 0
    """0: the process's default port (gateway 8000, registry 8001 … workforce 8005)."""
    mongo_url: str = Field(
        "mongodb://127.0.0.1:27017/", validation_alias=AliasChoices("MONGO_URL", "CIVIC_MONGO_URL")
    )
    """MongoDB wire-protocol server (FerretDB on PostgreSQL locally, MongoDB 7 in compose and Kubernetes)."""
    amqp_url: str = Field(
        "amqp://127.0.0.1:5672/", validation_alias=AliasChoices("AMQP_URL", "CIVIC_AMQP_URL")
    )
    """RabbitMQ, as this process's own broker user (`amqp://registry:…@host/` for registry; `make run` fills it
    in from var/secrets/broker.json). A service connecting as another user refuses to start."""
    otlp_endpoint: str | None = Field(
        None, validation_alias=AliasChoices("OTEL_EXPORTER_OTLP_ENDPOINT", "CIVIC_OTLP_ENDPOINT")
    )
    """Export spans over OTLP/HTTP (compose: Jaeger) instead of to files."""
    zipkin_url: str | None = None
    """A Zipkin server (`make run`: http://127.0.0.1:9411) that gets every span besides the trace files (ignored
    when OTLP is set)."""
    var_dir: Path = Path("var")
    """Local state; spans go to `var/traces/*.jsonl`."""
    log_level: str = "INFO"
    """JSON logs on stdout carry `trace_id`, `span_id`, `correlation_id`."""
    retry_delays: tuple[float, ...] = (1.0, 10.0, 60.0)
    """Seconds a failed delivery waits before each retry; after the last it is parked. Common because the retry
    queues are named after them, and the gateway and `civic status` read those queues' depths."""
    lease_seconds: float = 5.0
    """How long a replica holds leadership of a singleton job (outbox relay, watchers) without renewing it."""
    upstreams: dict[str, str] = Field(default_factory=dict)
    """Where each service listens (JSON `{"registry": "http://…"}`), for the gateway and `civic status`; default:
    this host's default ports."""
    max_body_bytes: int = Field(2 * 1024 * 1024, gt=0)
    """Larger request bodies are refused with 413, at the gateway and at every service's own port alike."""
    auth_required: bool = True
    """The gateway and every service refuse `/api/` calls without a valid bearer token; a token that is present is
    always checked. `false` is for tests only: the `X-Civic-*` identity headers are then believed as sent, and
    every process says so in a warning at start."""
    jwks_url: str | None = None
    """The gateway's JWKS; default: the gateway on this host's default port."""
    gateway: str | None = Field(None, validation_alias=AliasChoices("CIVIC_GATEWAY_URL"))
    """Where `civic status` finds the gateway (`CIVIC_GATEWAY_URL`)."""
    audit_key: SecretStr | None = None
    """HMAC-SHA256 key sealing every process's audit chain (32+ characters: `civic audit new-key`), the same for
    every process so `civic audit verify` checks them all; records name it by id. Compose and Kubernetes set it
    from a secret (a placeholder is refused at start); unset, a key is created once under `var/keys/audit.key`."""
    audit_retired_keys: tuple[SecretStr, ...] = ()
    """Earlier audit keys (JSON list), still known to verification after `CIVIC_AUDIT_KEY` was rotated."""

    @field_validator("port", mode="after")
    @classmethod
    def _default_port(cls, port: int, info) -> int:
        return port or SERVICE_PORTS.get(info.data.get("service", ""), 0)

    @field_validator("audit_key", mode="after")
    @classmethod
    def _usable_audit_key(cls, key: SecretStr | None) -> SecretStr | None:
        return key if key is None else SecretStr(check_key(key.get_secret_value()))

    @field_validator("upstreams", mode="before")
    @classmethod
    def _parse_upstreams(cls, value):
        return json.loads(value) if isinstance(value, str) else value

    @property
    def database_name(self) -> str:
        return f"{self.namespace}_{self.service}"

    @property
    def traces_dir(self) -> Path:
        return self.var_dir / "traces"

    @property
    def gateway_jwks_url(self) -> str:
        return self.jwks_url or f"http://127.0.0.1:{SERVICE_PORTS['gateway']}/.well-known/jwks.json"

    @property
    def gateway_url(self) -> str:
        return self.gateway or f"http://127.0.0.1:{SERVICE_PORTS['gateway']}"

    def upstream_urls(self) -> dict[str, str]:
        defaults = {name: f"http://127.0.0.1:{SERVICE_PORTS[name]}" for name in SERVICES}
        return defaults | self.upstreams


class Settings(CommonSettings):
    """The common section plus messaging, for the five services (they publish through the outbox and consume)."""

    prefetch: int = 32
    """Unacked messages per consumer."""
    fault_hold_ack_seconds: float = 0.0
    """Fault tests only (tests/faults/): after a handler's write, wait this long before recording and acking it,
    so a test can SIGKILL the consumer in exactly that window. Never set it in a deployment."""
    publish_timeout: float = 5.0
    """Seconds a publish may wait for the broker's confirm."""
    outbox_relay_enabled: bool = True
    """`false` keeps events pending (maintenance, crash tests)."""
    outbox_sweep_seconds: float = 1.0
    """How often the relay sweeps for pending events."""
    outbox_orphan_seconds: float = 300.0
    """How long an outbox marker may wait for the write it announces before the relay takes it for orphaned (a
    crash between the marker and the write). Far above any write's time, so a slow write is never mistaken."""
    idempotency_ttl_seconds: float = Field(24 * 3600.0, gt=0)
    """How long the answer to a request with an `Idempotency-Key` is kept for replay (docs/api.md, "Safe retries")."""
    idempotency_claim_seconds: float = Field(60.0, gt=0)
    """How long a claim on an `Idempotency-Key` outlives its last renewal (renewed every third of this while its
    request runs): after a process died mid-request, retries with the key get 409 this long, then one runs again."""


def load_settings(service: str, **overrides) -> Settings:
    return Settings(service=service, **overrides)
