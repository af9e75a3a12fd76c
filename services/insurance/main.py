from __future__ import annotations

from fastapi import FastAPI

from services.insurance.adapters.collection_routes import router as collection_router
from services.insurance.adapters.cycle_routes import router as cycle_router
from services.insurance.adapters.rates_routes import router as rates_router
from services.insurance.adapters.records_routes import router as records_router
from services.insurance.adapters.routes import router
from services.insurance.bootstrap import Container, bootstrap
from services.insurance.adapters.access import ACCESS
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — insurance",
                              routers=[router, cycle_router, records_router, rates_router,
                                                       collection_router],
                              access=ACCESS)
