"""The insurance API under /api/v1/insurance, one module per resource."""
from __future__ import annotations

from services.insurance.adapters.routes import (
    accounts, arrears, back_payments, bases, cycle, escalation_cases, fines, jobs, members, rates, records)

ROUTERS = [accounts.router, members.router, arrears.router, cycle.router, bases.router, records.router,
           rates.router, back_payments.router, fines.router, escalation_cases.router, jobs.router]
