"""Coverage use cases: read areas and operating markets, run 2SFCA (domain), shape the answer."""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from services.markets.application.ports import Markets, References
from services.markets.domain.coverage import Coverage, Points, two_step_fca
from services.markets.domain.geo import project


def area_points(rows: list[dict]) -> Points:
    """Residential areas carry their projected x, y (computed once at import)."""
    return Points.of([r["id"] for r in rows], [(r["x"], r["y"]) for r in rows] or np.zeros((0, 2)),
                     [r["population"] for r in rows])


def market_points(rows: list[dict], weight: str | None = "area_m2") -> Points:
    """Points projected from lon/lat; weight 1 each when `weight` is None (locations only)."""
    xy = project([r["lon"] for r in rows], [r["lat"] for r in rows]) if rows else np.zeros((0, 2))
    return Points.of([r["id"] for r in rows], xy, [r[weight] if weight else 1.0 for r in rows])


async def coverage(areas: References, markets: Markets) -> tuple[list[dict], list[dict], Coverage]:
    area_rows, market_rows = await areas.all(), await markets.in_service()
    return area_rows, market_rows, two_step_fca(area_points(area_rows), market_points(market_rows))


async def per_area(areas: References, markets: Markets) -> list[dict]:
    area_rows, market_rows, result = await coverage(areas, markets)
    return [{"area_id": row["id"], "district_code": row["district_code"], "residents": row["population"],
             "supply_ratio": float(result.ratio[i]), "covered": bool(result.covered[i]),
             "nearest_market_id": market_rows[result.nearest_index[i]]["id"] if result.nearest_index[i] >= 0 else None,
             "nearest_market_m": float(result.nearest_m[i]) if np.isfinite(result.nearest_m[i]) else None,
             "deficit_m2": round(float(result.deficit_m2[i]), 2)} for i, row in enumerate(area_rows)]


async def per_district(areas: References, markets: Markets) -> list[dict]:
    area_rows, _, result = await coverage(areas, markets)
    totals: dict[str, dict] = defaultdict(lambda: {"area_count": 0, "covered_area_count": 0, "residents": 0,
                                                   "covered_residents": 0, "deficit_m2": 0.0})
    for i, row in enumerate(area_rows):
        t = totals[row["district_code"]]
        t["area_count"] += 1
        t["residents"] += row["population"]
        t["covered_area_count"] += int(result.covered[i])
        t["covered_residents"] += row["population"] if result.covered[i] else 0
        t["deficit_m2"] += float(result.deficit_m2[i])
    return [{"district_code": code, **t, "deficit_m2": round(t["deficit_m2"], 2)} for code, t in sorted(totals.items())]
