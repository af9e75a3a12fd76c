"""The merged OpenAPI document the gateway serves at `/openapi.json`, built offline: no server is started or reached.

`python -m gateway.openapi_export OUT.json` (`make client` runs it) builds every process's app with its own
`create_app` — the gateway's and each service's, as they serve — and merges their documents with
`gateway.openapi_merge.merge`, the function the gateway's `/openapi.json` calls. Building an app opens no
connection (the database client and the broker connect in the lifespan, which never runs here); its local state
(signing and audit keys, trace files) goes to a temporary folder that is removed afterwards.
`tests/clients/test_openapi_export.py` checks the result equals what a running gateway serves.
"""
from __future__ import annotations

import importlib
import json
import sys
import tempfile
from pathlib import Path

from gateway.bootstrap import bootstrap as gateway_bootstrap
from gateway.main import create_app as gateway_app
from gateway.openapi_merge import merge
from shared.config import SERVICES, CommonSettings, load_settings

# Servers are never dialled (the lifespan does not run), spans go to the temporary folder only, logs stay quiet.
OFFLINE = {"mongo_url": "mongodb://127.0.0.1:9/", "amqp_url": "amqp://127.0.0.1:9/", "otlp_endpoint": None,
           "zipkin_url": None, "log_level": "WARNING"}


def service_document(service: str, var_dir: Path) -> dict:
    """`service`'s own `/openapi.json`, from the app `python -m services.<service>` serves."""
    main = importlib.import_module(f"services.{service}.main")
    bootstrap = importlib.import_module(f"services.{service}.bootstrap").bootstrap
    settings = load_settings(service, var_dir=var_dir, **OFFLINE)
    return main.create_app(bootstrap(settings)).openapi()


def gateway_document(var_dir: Path) -> dict:
    """The gateway's own operations (sign-in, keys, audit, catalogues), before the services are merged in."""
    settings = CommonSettings(service="gateway", var_dir=var_dir, **OFFLINE)
    return gateway_app(gateway_bootstrap(settings)).openapi()


def merged_document() -> dict:
    with tempfile.TemporaryDirectory(prefix="civic-openapi-") as var:
        var_dir = Path(var)
        return merge(gateway_document(var_dir), {name: service_document(name, var_dir) for name in SERVICES})


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m gateway.openapi_export OUT.json", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(merged_document(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
