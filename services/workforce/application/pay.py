"""Monthly payroll and the yearly bonus: computed by the domain, stored once per period."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.workforce.application.employers import References, checked
from services.workforce.application.ports import Run, Runs, Workers
from services.workforce.domain.bonus import split_bonus
from services.workforce.domain.pay import PayItem, Period, PaySlip, pay_slip
from services.workforce.domain.policy import Policy
from shared.errors import NotFound
from shared.jobs.progress import NO_PROGRESS, Progress


def slip_doc(slip: PaySlip) -> dict:
    return {"worker_id": slip.worker_id, "employer_id": slip.employer_id, "period": slip.period,
            "tier": slip.tier.value, "total": str(slip.total), "net": str(slip.net),
            "items": [_item_doc(i) for i in slip.items], "housing_fund": [_item_doc(c) for c in slip.contributions]}


def _item_doc(item: PayItem) -> dict:
    return {"code": item.code, "amount": str(item.amount), "basis": item.basis}


async def run_payroll(period: Period, workers: Workers, payroll: Runs, policy: Policy,
                      progress: Progress = NO_PROGRESS, run_id: str | None = None) -> dict:
    """The month's pay slips, stored once per month; `progress` counts the workers in service gone through.

    Safe to re-run when its job was interrupted: the slips are computed from the workers alone (nothing is
    written before the one run record), and a record already stored by this same run (`run_id`, the job's id)
    is returned as it is; stored by another run, the month is refused as before (409)."""
    stored = await payroll.get(str(period)) if run_id else None
    if stored is not None and stored.record.get("run_id") == run_id:
        return {k: v for k, v in stored.record.items() if k != "run_id"}
    in_service = await workers.in_service_between(period.first, period.last)
    await progress.begin(len(in_service))
    slips = []
    for worker in in_service:
        if (slip := pay_slip(worker, period, policy.pay)) is not None:
            slips.append(slip)
        await progress.advance()
    total = sum((s.total for s in slips), Decimal("0.00"))
    run = {"period": str(period), "headcount": len(slips), "total": f"{total:.2f}",
           "slips": [slip_doc(s) for s in slips]}
    await payroll.add(Run(str(period), run | ({"run_id": run_id} if run_id else {})))
    return run


async def run_bonus(employer_id: str, year: int, workers: Workers, bonuses: Runs, policy: Policy,
                    references: References | None = None) -> dict:
    """The street's bonus pool for a year, split among its workers; the street must be a known employer."""
    await checked(references, employer_id=employer_id)
    staff = await workers.in_service_between(date(year, 1, 1), date(year, 12, 31), employer_id)
    pool, shares = split_bonus(staff, year, policy.bonus)
    run = {"employer_id": employer_id, "year": year, "headcount": len(shares), "pool": str(pool),
           "allocations": [{"worker_id": k, "amount": str(v)} for k, v in sorted(shares.items())]}
    await bonuses.add(Run(f"{employer_id}:{year}", run))
    return run


async def payroll_run(period: Period, payroll: Runs) -> dict:
    return await _run(payroll, str(period), "payroll")


async def bonus_run(employer_id: str, year: int, bonuses: Runs) -> dict:
    run = await _run(bonuses, f"{employer_id}:{year}", "bonus run")
    if "shares" in run:  # stored before the answer named them allocations
        run = {k: v for k, v in run.items() if k != "shares"} | {"allocations": run["shares"]}
    return run


async def _run(runs: Runs, key: str, what: str) -> dict:
    run = await runs.get(key)
    if run is None:
        raise NotFound(f"no {what} for {key}")
    return run.record
