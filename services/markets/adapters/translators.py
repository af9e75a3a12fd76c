"""Bulk imports (CSV with a header line, or a JSON array): every row validated, errors reported per line,
valid rows kept. Residential areas and candidate sites come this way until registry publishes them."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Literal, Protocol, TypeVar

from fastapi import Request
from pydantic import AliasChoices, BaseModel, Field, ValidationError

from services.markets.domain.geo import project
from services.markets.domain.planning import location_problems, residential_area_problems
from shared.errors import InvalidInput, ProblemCollector
from shared.params import MAX_PEOPLE


class Validated(Protocol):
    def problems(self) -> ProblemCollector: ...


Row = TypeVar("Row", bound=Validated)


class LocatedRow(BaseModel):
    """What every imported row has: its own id, a name and a WGS84 location inside Beijing."""

    id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    lon: float
    lat: float

    def problems(self) -> ProblemCollector:
        return location_problems(self.lon, self.lat)


class AreaRow(LocatedRow):
    """A residential area: its registered residents (column `residents`; the former name `population` is still
    read), and the registry community it belongs to, where known."""

    district_code: str = Field(pattern=r"^\d{6}$")
    population: int = Field(ge=0, le=MAX_PEOPLE, validation_alias=AliasChoices("residents", "population"))
    community_id: str | None = Field(default=None, min_length=1, max_length=64)
    kind: Literal["existing", "new"] = "existing"
    residential_floor_area: Decimal | None = Field(default=None, ge=0)
    planned_market_area: Decimal | None = Field(default=None, ge=0)

    def problems(self) -> ProblemCollector:
        return residential_area_problems(self.lon, self.lat, self.kind == "new", self.residential_floor_area,
                                         self.planned_market_area)


class SiteRow(LocatedRow):
    """A candidate site for a market: state-owned outlet, disused boiler room or gas exchange station."""

    district_code: str = Field(pattern=r"^\d{6}$")
    area_m2: float = Field(gt=0, le=10_000_000, description="m² (at most 10 km²)")
    kind: Literal["state_owned_outlet", "disused_boiler_room", "gas_exchange_station"]


class PostalOutletRow(LocatedRow):
    """A postal outlet (邮政网点): stations keep 500 m away from it."""


def parse_rows(body: bytes, content_type: str) -> list[dict]:
    """The raw rows of a CSV (header line first) or JSON-array body."""
    try:
        if "csv" in content_type:
            text = body.decode("utf-8-sig")
            return [{k: v for k, v in row.items() if v not in ("", None)} for row in csv.DictReader(io.StringIO(text))]
        rows = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput.on("body", "parseable", f"the body is neither CSV nor JSON: {exc}") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InvalidInput.on("body", "json-array-of-objects", "a JSON import is an array of objects")
    return rows


def validate_rows(rows: list[dict], model: type[Row]) -> tuple[list[Row], list[dict]]:
    """(valid rows; errors as {line, field, rule, message}). Line 1 is the first data row."""
    valid, errors = [], []
    for line, raw in enumerate(rows, start=1):
        try:
            row = model.model_validate(raw)
        except ValidationError as exc:
            errors += [{"line": line, "field": ".".join(map(str, e["loc"])), "rule": e["type"], "message": e["msg"]}
                       for e in exc.errors()]
            continue
        problems = row.problems().problems
        errors += [{"line": line, **p.as_dict()} for p in problems]
        if not problems:
            valid.append(row)
    return valid, errors


def located(row: LocatedRow) -> dict:
    """The row as stored, with its x, y in metres on the local projection (computed once, here)."""
    x, y = project([row.lon], [row.lat])[0]
    return row.model_dump(mode="json") | {"x": float(x), "y": float(y)}


async def located_rows(request: Request, model: type[LocatedRow]) -> tuple[int, list[dict], list[dict]]:
    """(rows received; the valid ones as stored, located; errors) of a CSV or JSON-array import."""
    rows = parse_rows(await request.body(), request.headers.get("content-type", "application/json"))
    valid, errors = validate_rows(rows, model)
    return len(rows), [located(r) for r in valid], errors
