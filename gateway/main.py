from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from gateway import audit_routes, catalog_routes, proxy, token_routes
from gateway.access import guard, open_guard
from gateway.bootstrap import Container, bootstrap
from shared.runtime import create_app as create_service_app


def create_app(container: Container | None = None) -> FastAPI:
    container = container or bootstrap()
    settings = container.gateway
    access = guard(container.verifier, container.limits, required=container.runtime.settings.auth_required,
                   public_paths=settings.public_paths)
    routers = [
        token_routes.router(container.accounts, container.issuer, container.keys, open_guard(container.limits),
                            container.sign_in),
        audit_routes.router(container.audit),
        proxy.router(container.upstreams, container.forwarder, breakers=container.breakers, guard=access,
                     read_retries=settings.read_retries),
    ]
    app = create_service_app(container, title="Civic Mesh — gateway", routers=routers)
    app.state.verifier = container.verifier
    catalog_routes.install(app, container.specs, container.runtime.topology.exchange)
    if settings.cors_origins:  # every request header allowed (`Idempotency-Key` too); a replay shows itself
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True,
                           allow_methods=["*"], allow_headers=["*"],
                           expose_headers=["X-Request-ID", "Retry-After", "Idempotent-Replayed"])
    return app
