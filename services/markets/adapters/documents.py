"""Stored shape of a market: Decimal as 2-place strings, dates as ISO strings (FerretDB v1 has no decimal128)."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal

from services.markets.domain.market import Areas, Case, Kind, Market, Sample, Status


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def market_doc(m: Market) -> dict:
    return {"name": m.name, "district_code": m.district_code, "kind": m.kind.value, "lon": m.lon, "lat": m.lat,
            "areas": {"business": _money(m.areas.business), "vegetable": _money(m.areas.vegetable),
                      "direct_supply": _money(m.areas.direct_supply),
                      "direct_supply_adopted": m.areas.direct_supply_adopted},
            "owner": m.owner, "operator": m.operator, "status": m.status.value, "use": m.use,
            "milestones": {k: v.isoformat() for k, v in m.milestones.items()}, "late": list(m.late),
            "cases": [_case_doc(c) for c in m.cases],
            "samples": [asdict(s) | {"sampled_on": s.sampled_on.isoformat()} for s in m.samples],
            "residential_area_id": m.residential_area_id}


def _case_doc(c: Case) -> dict:
    return asdict(c) | {"opened_on": c.opened_on.isoformat(), "low": _money(c.low), "high": _money(c.high),
                        "fine": _money(c.fine)}


def market_of(market_id: str, d: dict) -> Market:
    a = d["areas"]
    areas = Areas(Decimal(a["business"]), Decimal(a["vegetable"]), Decimal(a["direct_supply"]),
                  a["direct_supply_adopted"])
    return Market(market_id, d["name"], d["district_code"], Kind(d["kind"]), d["lon"], d["lat"], areas, d["owner"],
                  d["operator"], Status(d["status"]), d["use"],
                  {k: date.fromisoformat(v) for k, v in d["milestones"].items()}, tuple(d["late"]),
                  tuple(_case_of(c) for c in d["cases"]),
                  tuple(Sample(**(s | {"sampled_on": date.fromisoformat(s["sampled_on"])})) for s in d["samples"]),
                  d.get("residential_area_id"))


def _case_of(c: dict) -> Case:
    return Case(**(c | {"opened_on": date.fromisoformat(c["opened_on"]), "low": Decimal(c["low"]),
                        "high": Decimal(c["high"]), "fine": None if c["fine"] is None else Decimal(c["fine"])}))
