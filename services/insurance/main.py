from __future__ import annotations

from fastapi import FastAPI

from services.insurance.adapters.access import ACCESS
from services.insurance.adapters.routes import ROUTERS
from services.insurance.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — insurance", routers=ROUTERS,
                              access=ACCESS)
