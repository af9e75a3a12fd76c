from __future__ import annotations

from fastapi import FastAPI

from services.registry.adapters import routes, routes_applications, routes_saga
from services.registry.adapters import routes_centres, routes_stars
from services.registry.adapters import routes_areas, routes_places
from services.registry.bootstrap import Container, bootstrap
from services.registry.adapters.access import ACCESS
from shared.runtime import create_app as create_service_app

# applications first: GET /employers/applications must not be read as GET /employers/{employer_id}
ROUTERS = [routes_applications.router, routes.router, routes_saga.router,
           routes_stars.router, routes_centres.router, routes_places.router, routes_areas.router]


def create_app(container: Container | None = None) -> FastAPI:
    return create_service_app(container or bootstrap(), title="Civic Mesh — registry", routers=ROUTERS,
                              access=ACCESS)
