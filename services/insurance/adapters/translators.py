"""Translations at the HTTP edge: request bodies that are files (the bank's CSV, a unit's wage declaration as CSV or
JSON rows) into rows, and rows into CSV."""
from __future__ import annotations

import csv
import io
from typing import TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from shared.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def is_csv(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("text/csv")


async def csv_rows(request: Request) -> list[dict]:
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.on("body", "utf-8", "the CSV must be UTF-8") from None
    return list(csv.DictReader(io.StringIO(text)))


async def json_body(request: Request, model: type[M]) -> M:
    """A JSON body read by hand (the route also takes CSV), validated like a declared body: a 422 naming the field,
    never a 500 from `request.json()`."""
    try:
        body = await request.json()
    except ValueError:
        raise InvalidInput.on("body", "json", 'the body is JSON {"rows": [...]} or text/csv') from None
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])}
                                      for e in exc.errors(include_url=False)]) from None


def json_or_csv(model: type[BaseModel], access: dict) -> dict:
    """A route's `access` declaration (`shared.access.allow`) with the OpenAPI request body of a route that reads
    JSON (`model`) or the same rows as `text/csv`."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)  # nested models are components of their own (the routes' other bodies use them)
    body = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": schema}, "text/csv": {"schema": {"type": "string"}}}}}
    return access | {"openapi_extra": access.get("openapi_extra", {}) | body}


def csv_text(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
