from __future__ import annotations

from fastapi import FastAPI

from services.registry.adapters import routes, routes_applications, routes_saga
from services.registry.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app

# applications first: GET /employers/applications must not be read as GET /employers/{employer_id}
ROUTERS = [routes_applications.router, routes.router, routes_saga.router]


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — registry", routers=ROUTERS)
