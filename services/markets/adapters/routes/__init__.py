"""HTTP routes, one module per resource: HTTP → request schema → one application call → response schema.
`ROUTERS` is in registration order: the literal paths (imports, coverage, plans, stations, cases) before
`/{market_id}`."""
from __future__ import annotations

from services.markets.adapters.routes import (cases, compliance, imports, jobs, markets, operating, planning,
                                            plans, stations)

ROUTERS = [jobs.router, imports.router, planning.router, plans.router, stations.router, cases.router,
           markets.router, operating.router, compliance.router]
