"""`/openapi.json` + `/docs` (merged over all services) and `/asyncapi.json` + `/asyncapi` (the event catalog)."""
from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from gateway.asyncapi import asyncapi, asyncapi_html
from gateway.openapi_merge import ServiceSpecs, merge

REPLACED = {"/openapi.json", "/docs"}


def install(app: FastAPI, specs: ServiceSpecs, exchange: str) -> None:
    """Replace FastAPI's own `/openapi.json` and `/docs` (they describe the gateway alone) with merged ones."""
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) not in REPLACED]
    api = APIRouter(tags=["catalogues"])
    events = asyncapi(exchange)

    @api.get("/openapi.json", include_in_schema=False)
    async def openapi() -> dict:
        return merge(app.openapi(), await specs.fetch())

    @api.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Civic Mesh API")

    @api.get("/asyncapi.json")
    async def asyncapi_json() -> dict:
        """AsyncAPI 3.0 of every catalog event: JSON Schema, producer, consumers, routing key."""
        return events

    @api.get("/asyncapi", response_class=HTMLResponse)
    async def asyncapi_page() -> HTMLResponse:
        """The event catalog as a readable page."""
        return HTMLResponse(asyncapi_html(events))

    app.include_router(api)
