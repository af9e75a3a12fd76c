from __future__ import annotations

from fastapi import FastAPI

from services.markets.adapters.planning_routes import router as planning_router
from services.markets.adapters.routes import router
from services.markets.adapters.station_routes import router as station_router
from services.markets.bootstrap import Container, bootstrap
from services.markets.adapters.access import ACCESS
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — markets",
                              routers=[planning_router, station_router, router],
                              access=ACCESS)
