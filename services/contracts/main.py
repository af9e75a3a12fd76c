from __future__ import annotations

from fastapi import FastAPI

from services.contracts.adapters.access import ACCESS
from services.contracts.adapters.routes import ROUTERS
from services.contracts.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — contracts", routers=ROUTERS,
                              access=ACCESS)
