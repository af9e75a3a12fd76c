"""Translations at the HTTP edge: request bodies that are files (the bank's CSV, a unit's wage declaration as CSV or
JSON rows) into rows, and rows into CSV."""
from __future__ import annotations

import csv
import io

from fastapi import Request

from shared.errors import InvalidInput


def is_csv(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("text/csv")


async def csv_rows(request: Request) -> list[dict]:
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.on("body", "utf-8", "the CSV must be UTF-8") from None
    return list(csv.DictReader(io.StringIO(text)))


async def json_rows(request: Request) -> list[dict]:
    """`{"rows": [{resident_id, wage}, …]}`; anything else is a 422 (it was a 500 from `request.json()`)."""
    try:
        body = await request.json()
    except ValueError:
        raise InvalidInput.on("body", "json", 'the body is JSON {"rows": [...]} or text/csv') from None
    rows = body.get("rows", []) if isinstance(body, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise InvalidInput.on("rows", "list-of-objects", "rows is a list of {resident_id, wage} objects")
    return rows


def csv_text(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
