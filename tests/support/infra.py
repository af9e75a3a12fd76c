"""The real servers the tests run against.

With a reachable Docker engine, MongoDB 7 and RabbitMQ are started by testcontainers. Otherwise (these machines)
the local servers started by `deploy/local/start.sh` are used: FerretDB and RabbitMQ, or whatever `MONGO_URL` /
`AMQP_URL` name. Both are real servers; there is no mock anywhere.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from typing import Callable

DEFAULT_MONGO = "mongodb://127.0.0.1:27017/"
DEFAULT_AMQP = "amqp://guest:guest@127.0.0.1:5672/"


def postgres_url() -> str:
    """The PostgreSQL under the local FerretDB, as `postgres_url` in deploy/local/lib.sh names it:
    `CIVIC_POSTGRES_URL`, else our cluster's `ferretdb` database (port `CIVIC_PG_PORT`, default 55432)."""
    port = os.environ.get("CIVIC_PG_PORT") or "55432"
    return os.environ.get("CIVIC_POSTGRES_URL") or f"postgres://ferretdb@127.0.0.1:{port}/ferretdb"


@dataclass
class Infra:
    mongo_url: str
    amqp_url: str
    kind: str  # "local" or "containers"
    broker_ctl: Callable[[str], None]  # "stop_app" / "start_app" / "kill"-style control of the broker
    close: Callable[[], None] = lambda: None


def docker_reachable() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no permission: all mean "use local servers"
        return False


def start() -> Infra:
    if os.environ.get("MONGO_URL") or os.environ.get("AMQP_URL") or not docker_reachable():
        return Infra(os.environ.get("MONGO_URL", DEFAULT_MONGO), os.environ.get("AMQP_URL", DEFAULT_AMQP),
                     "local", _local_rabbitmqctl)
    return _containers()


def _local_rabbitmqctl(command: str) -> None:
    subprocess.run(["rabbitmqctl", *command.split()], check=True, capture_output=True, timeout=120)


def _containers() -> Infra:
    from testcontainers.mongodb import MongoDbContainer
    from testcontainers.rabbitmq import RabbitMqContainer

    mongo = MongoDbContainer("mongo:7").start()
    rabbit = RabbitMqContainer("rabbitmq:3.13-management").start()
    params = rabbit.get_connection_params()
    amqp = f"amqp://guest:guest@{params.host}:{params.port}/"

    def ctl(command: str) -> None:
        rabbit.exec(["rabbitmqctl", *command.split()])

    def close() -> None:
        rabbit.stop()
        mongo.stop()

    return Infra(mongo.get_connection_url(), amqp, "containers", ctl, close)
