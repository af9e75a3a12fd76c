"""Bulk import bodies: a CSV with a header line, or a JSON array of objects. Every row is validated on its own;
errors are reported per line, valid rows are kept. CSV lines count the header as line 1; a JSON array's first
element is line 1."""
from __future__ import annotations

import csv
import io
import json
from typing import TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from shared.errors import InvalidInput

Row = TypeVar("Row", bound=BaseModel)
MAX_ROWS = 20_000


def parse_rows(body: bytes, content_type: str) -> list[tuple[int, dict]]:
    """(line, raw row) of a CSV or JSON-array body; empty CSV cells are left out (the field's default applies)."""
    try:
        if "csv" in content_type:
            reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
            rows = [(reader.line_num, {k: v for k, v in row.items() if k and v not in ("", None)}) for row in reader]
        else:
            data = json.loads(body)
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise InvalidInput.on("body", "json-array-of-objects", "a JSON import is an array of objects")
            rows = list(enumerate(data, start=1))
    except (UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise InvalidInput.on("body", "parseable", f"the body is neither CSV nor a JSON array: {exc}") from None
    if len(rows) > MAX_ROWS:
        raise InvalidInput.on("body", f"at-most-{MAX_ROWS}-rows", f"split the import: {len(rows)} rows")
    return rows


def validate_rows(rows: list[tuple[int, dict]], model: type[Row]) -> tuple[list[tuple[int, Row]], list[dict]]:
    """(valid rows with their line; the shape errors as {line, field, rule, message})."""
    valid, errors = [], []
    for line, raw in rows:
        try:
            valid.append((line, model.model_validate(raw)))
        except ValidationError as exc:
            errors += [{"line": line, "field": ".".join(map(str, e["loc"])) or "row", "rule": e["type"],
                        "message": e["msg"]} for e in exc.errors()]
    return valid, errors


async def rows_of(request: Request, model: type[Row]) -> tuple[list[tuple[int, Row]], list[dict], int]:
    """The request body's rows: the valid ones with their line, the shape errors, and how many were received."""
    rows = parse_rows(await request.body(), request.headers.get("content-type", "application/json"))
    valid, errors = validate_rows(rows, model)
    return valid, errors, len(rows)
