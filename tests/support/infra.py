"""The real servers the tests run against.

With a reachable Docker engine, MongoDB 7 and RabbitMQ are started by testcontainers. Otherwise (these machines)
the local servers started by `deploy/local/start.sh` are used: FerretDB and RabbitMQ, or whatever `MONGO_URL` /
`AMQP_URL` name. Both are real servers; there is no mock anywhere.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from typing import Callable

from deploy import broker_users
from shared.bus.grants import OPERATOR, with_user

DEFAULT_MONGO = "mongodb://127.0.0.1:27017/"
DEFAULT_AMQP = "amqp://127.0.0.1:5672/"  # as the operator, from var/secrets/broker.json (deploy/broker_users.py)


def postgres_url() -> str:
    """The PostgreSQL under the local FerretDB, as `postgres_url` in deploy/local/lib.sh names it:
    `CIVIC_POSTGRES_URL`, else our cluster's `ferretdb` database (port `CIVIC_PG_PORT`, default 55432)."""
    port = os.environ.get("CIVIC_PG_PORT") or "55432"
    return os.environ.get("CIVIC_POSTGRES_URL") or f"postgres://ferretdb@127.0.0.1:{port}/ferretdb"


@dataclass
class Infra:
    mongo_url: str
    amqp_url: str  # as the broker's operator: the tests' own tooling (declaring, watching, cleaning up)
    kind: str  # "local" or "containers"
    broker_ctl: Callable[[str], None]  # "stop_app" / "start_app" / "kill"-style control of the broker
    close: Callable[[], None] = lambda: None
    credentials: dict[str, str] = field(default_factory=broker_users.load_credentials)

    def amqp_url_for(self, user: str) -> str:
        """The same broker as one process's own user (a service connects as itself, shared/bus/grants.py)."""
        return with_user(self.amqp_url, user, self.credentials[user])


def docker_reachable() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no permission: all mean "use local servers"
        return False


def start() -> Infra:
    if os.environ.get("MONGO_URL") or os.environ.get("AMQP_URL") or not docker_reachable():
        return Infra(os.environ.get("MONGO_URL", DEFAULT_MONGO),
                     broker_users.url_for(os.environ.get("AMQP_URL", DEFAULT_AMQP), OPERATOR), "local",
                     _local_rabbitmqctl)
    return _containers()


def _local_rabbitmqctl(command: str) -> None:
    subprocess.run(["rabbitmqctl", *command.split()], check=True, capture_output=True, timeout=120)


def _containers() -> Infra:
    from testcontainers.mongodb import MongoDbContainer
    from testcontainers.rabbitmq import RabbitMqContainer

    mongo = MongoDbContainer("mongo:7").start()
    rabbit = RabbitMqContainer("rabbitmq:3.13-management").start()
    params = rabbit.get_connection_params()
    credentials = broker_users.load_credentials(create=True)
    management = f"http://{params.host}:{rabbit.get_exposed_port(15672)}"
    broker_users.import_over_http(broker_users.definitions(credentials, []), management, ("guest", "guest"))
    amqp = with_user(f"amqp://{params.host}:{params.port}/", OPERATOR, credentials[OPERATOR])

    def ctl(command: str) -> None:
        rabbit.exec(["rabbitmqctl", *command.split()])

    def close() -> None:
        rabbit.stop()
        mongo.stop()

    return Infra(mongo.get_connection_url(), amqp, "containers", ctl, close, credentials)
