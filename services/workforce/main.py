from __future__ import annotations

from fastapi import FastAPI

from services.workforce.adapters.routes import router
from services.workforce.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    container = container or bootstrap()
    app = create_service_app(container.runtime, title="Civic Mesh — workforce", routers=[router],
                             on_startup=container.init_db)
    app.state.container = container
    return app
