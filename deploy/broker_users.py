"""The broker's users, permissions and shared topology, from the event catalog (shared/bus/grants.py).

`python -m deploy.broker_users [--namespace civic]` — run by `make infra` (deploy/local/start.sh), by compose's
`broker-setup` service and by the Kubernetes `civic-broker-setup` Job, before any service starts:
1. the passwords: `CIVIC_BROKER_PASSWORD_<USER>` from the environment (compose, Kubernetes Secret), else the local
   credentials file (`var/secrets/broker.json`, mode 600), where a missing one is generated;
2. users, permissions and the namespace's topic permissions as RabbitMQ definitions, imported with `rabbitmqctl
   import_definitions` (local) or `POST /api/definitions` (`--management-url`); the `guest` user is deleted;
3. as the operator, the events exchange and every consumer's queues and bindings of the namespace (services may
   not declare what they do not own).
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from shared.bus.grants import OPERATOR, Grant, grants, with_user

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CREDENTIALS = ROOT / "var" / "secrets" / "broker.json"
VHOST = "/"


def credentials_path() -> Path:
    return Path(os.environ.get("CIVIC_BROKER_CREDENTIALS") or DEFAULT_CREDENTIALS)


def password_variable(user: str) -> str:
    return "CIVIC_BROKER_PASSWORD_" + user.upper().replace("-", "_")


def load_credentials(path: Path | None = None, *, create: bool = False) -> dict[str, str]:
    """Every grant's password: from the environment when set there, else from the file (missing ones generated and
    written back when `create`)."""
    path = path or credentials_path()
    stored = json.loads(path.read_text()) if path.exists() else {}
    found = {g.user: os.environ.get(password_variable(g.user)) or stored.get(g.user) for g in grants()}
    missing = [user for user, password in found.items() if not password]
    if missing and not create:
        raise LookupError(f"no broker password for {', '.join(missing)}: set {password_variable(missing[0])} "
                          f"or run `python -m deploy.broker_users` (writes {path})")
    if missing:
        found |= {user: secrets.token_urlsafe(24) for user in missing}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(json.dumps(stored | {u: found[u] for u in missing}, indent=2) + "\n")
    return found


def url_for(base_url: str, user: str, credentials: dict[str, str] | None = None) -> str:
    """`base_url`'s broker, connecting as `user` with its password."""
    return with_user(base_url, user, (credentials or load_credentials())[user])


def password_hash(password: str, salt: bytes | None = None) -> str:
    """RabbitMQ's `rabbit_password_hashing_sha256`: base64(salt ‖ SHA-256(salt ‖ password)), 4-byte salt."""
    salt = salt if salt is not None else secrets.token_bytes(4)
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def definitions(credentials: dict[str, str], namespaces: Iterable[str]) -> dict:
    """RabbitMQ definitions of every grant: user, vhost permissions, topic permissions on each namespace's
    events exchange."""
    every = grants()
    return {
        "users": [{"name": g.user, "password_hash": password_hash(credentials[g.user]),
                   "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ",".join(g.tags)} for g in every],
        "vhosts": [{"name": VHOST}],
        "permissions": [{"user": g.user, "vhost": VHOST, "configure": g.configure, "write": g.write,
                         "read": g.read} for g in every],
        "topic_permissions": [_topic(g, namespace) for namespace in namespaces for g in every],
    }


def _topic(grant: Grant, namespace: str) -> dict:
    return {"user": grant.user, "vhost": VHOST, "exchange": f"{namespace}.events", "write": grant.publishes,
            "read": grant.binds}


def import_with_ctl(document: dict, ctl: Sequence[str] = ("rabbitmqctl",)) -> None:
    """Through the node's CLI (local: root may talk to the node), then without `guest`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        os.chmod(file.name, 0o644)  # the node reads it as the rabbitmq user; it holds hashes only
        json.dump(document, file)
        file.flush()
        _ctl(ctl, "import_definitions", file.name)
    listed = subprocess.run([*ctl, "list_users", "--quiet", "--no-table-headers"], capture_output=True, text=True,
                            timeout=120)
    if any(line.split("\t")[0] == "guest" for line in listed.stdout.splitlines()):
        _ctl(ctl, "delete_user", "guest")


def import_over_http(document: dict, management_url: str, auth: tuple[str, str]) -> None:
    """Through the management API, as an administrator (compose and Kubernetes seed the operator at the broker's
    first start), then without `guest`."""
    import httpx

    with httpx.Client(base_url=management_url.rstrip("/"), auth=auth, timeout=30) as http:
        http.post("/api/definitions", json=document).raise_for_status()
        gone = http.delete("/api/users/guest")
        if gone.status_code not in (204, 404):
            gone.raise_for_status()


def _ctl(ctl: Sequence[str], *args: str) -> None:
    done = subprocess.run([*ctl, *args], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join([*ctl, *args])} failed: {done.stderr.strip() or done.stdout.strip()}")


async def declare_topology(operator_url: str, namespace: str) -> None:
    """The namespace's exchange and every consumer's queues and bindings, as the operator."""
    import aio_pika

    from shared.bus.topology import Topology

    connection = await aio_pika.connect(operator_url, timeout=10)
    async with connection:
        await Topology(namespace).declare_shared(await connection.channel())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--namespace", default=os.environ.get("CIVIC_NAMESPACE", "civic"))
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", "amqp://127.0.0.1:5672/"),
                        help="the broker (its user part is replaced by the operator's)")
    parser.add_argument("--management-url", default=os.environ.get("CIVIC_BROKER_MANAGEMENT_URL"),
                        help="import over the management API instead of rabbitmqctl")
    parser.add_argument("--url", metavar="USER", help="only print the AMQP URL of USER (e.g. civic-admin for "
                                                      "`civic status`) and exit")
    args = parser.parse_args(argv)
    if args.url:
        print(url_for(args.amqp_url, args.url))
        return 0
    credentials = load_credentials(create=not args.management_url)
    document = definitions(credentials, [args.namespace])
    if args.management_url:  # as the broker's seeded administrator (Kubernetes: the cluster operator's user)
        admin = (os.environ.get("CIVIC_BROKER_ADMIN_USER", OPERATOR),
                 os.environ.get("CIVIC_BROKER_ADMIN_PASSWORD") or credentials[OPERATOR])
        import_over_http(document, args.management_url, admin)
    else:
        import_with_ctl(document)
    asyncio.run(declare_topology(with_user(args.amqp_url, OPERATOR, credentials[OPERATOR]), args.namespace))
    print(f"[civic] RabbitMQ: {len(credentials)} users (one per service, the operator, no guest), permissions from "
          f"the event catalog, topology of namespace {args.namespace!r} declared", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
