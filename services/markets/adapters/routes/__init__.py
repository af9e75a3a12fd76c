"""HTTP routes, one module per resource: HTTP → request schema → one application call → response schema.
`ROUTERS` is in registration order: the literal paths (imports, coverage, plans, layout plans, food-safety
inspections, stations, cases) before `/{market_id}`."""
from __future__ import annotations

from services.markets.adapters.routes import (cases, compliance, food_safety, imports, jobs, layout_plans, markets,
                                            operating, planning, plans, stations)

ROUTERS = [jobs.router, imports.router, planning.router, plans.router, layout_plans.router, food_safety.router,
           stations.router, cases.router, markets.router, operating.router, compliance.router]
