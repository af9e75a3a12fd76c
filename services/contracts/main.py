from __future__ import annotations

from fastapi import FastAPI

from services.contracts.adapters.routes import router
from services.contracts.bootstrap import Container, bootstrap
from services.contracts.adapters.access import ACCESS
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — contracts", routers=[router],
                              access=ACCESS)
