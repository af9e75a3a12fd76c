"""REST under /api/v1/workforce, one module per resource: DTO → command → one application call. Who acts comes
from `shared.actor` (the access gate sets it from the token)."""
from __future__ import annotations

from services.workforce.adapters.routes import jobs, pay, records, staffing, stations, vacancies, workers

ROUTERS = [workers.router, records.router, pay.router, staffing.router, stations.router, vacancies.router,
           jobs.router]
