from __future__ import annotations

from fastapi import FastAPI

from services.markets.adapters.access import ACCESS
from services.markets.adapters.routes import ROUTERS
from services.markets.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — markets", routers=ROUTERS, access=ACCESS)
