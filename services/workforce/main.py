from __future__ import annotations

from fastapi import FastAPI

from services.workforce.adapters.access import ACCESS
from services.workforce.adapters.routes import ROUTERS
from services.workforce.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — workforce", routers=ROUTERS,
                              access=ACCESS)
