from __future__ import annotations

from fastapi import FastAPI

from gateway import proxy
from gateway.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    container = container or bootstrap()
    return create_service_app(container, title="Civic Mesh — gateway",
                              routers=[proxy.router(container.upstreams, container.http)])
