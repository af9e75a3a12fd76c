from __future__ import annotations

from fastapi import FastAPI

from services.registry.adapters.access import ACCESS
from services.registry.adapters.routes import ROUTERS
from services.registry.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — registry", routers=ROUTERS,
                              access=ACCESS)
