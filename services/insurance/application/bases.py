"""Wage declarations (bulk, per unit) and the yearly generation of bases."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.insurance.application.ports import Bases, Members, Steps
from services.insurance.domain import bases as rules
from services.insurance.domain.rates import CollectionPolicy
from shared.jobs.progress import NO_PROGRESS, Progress


async def declare_wages(members: Members, bases: Bases, employer_id: str, year: int,
                        rows: list[dict], on: date, first_line: int = 2) -> rules.DeclarationCheck:
    rules.require_declaration_day(year, on)
    insured = {m.resident_id for m in await members.of_employer(employer_id) if m.active}
    ids = [str(r.get("resident_id") or "").strip() for r in rows]
    check = rules.check_declarations(rows, insured, first_line, await bases.declared(year, ids))
    await bases.declare(year, [(rid, employer_id, wage) for rid, wage in check.valid])
    return check


BASES_CHUNK = 1000
"""Bases written per round trip, and the unit of progress reported."""


async def generate_bases(members: Members, bases: Bases, steps: Steps,
                         policy: CollectionPolicy, year: int, on: date, progress: Progress = NO_PROGRESS,
                         run_id: str | None = None) -> int:
    """The year's bases from 1 April; `progress` counts the persons' bases written. Safe to re-run when a job was
    interrupted: its claim lets the same job (`run_id`) in again, the bases are recomputed from the declarations
    and last year's bases (which it does not change) and keyed `<year>:<person>`, an existing one left as it is."""
    rules.require_generation_day(year, on)
    await steps.claim(f"bases:{year}:generate", on, run_id)
    try:
        bounds = (await effective_policy(bases, policy)).bounds_for(year)
        generated = rules.generate_bases(await members.joined_by(on), await bases.declarations(year),
                                         await bases.bases(year - 1), bounds)
        rows = list(generated.items())
        await progress.begin(len(rows))
        for i in range(0, len(rows), BASES_CHUNK):
            await bases.write_bases(year, dict(rows[i:i + BASES_CHUNK]))
            await progress.advance(len(rows[i:i + BASES_CHUNK]))
    except Exception:
        await steps.release(f"bases:{year}:generate")
        raise
    return len(generated)


async def correct_base(members: Members, bases: Bases, steps: Steps,
                       policy: CollectionPolicy, employer_id: str, year: int, resident_id: str, wage: Decimal,
                       on: date) -> Decimal:
    """A unit corrects a person's generated base until 20 April; statements from then on use it."""
    bounds = (await effective_policy(bases, policy)).bounds_for(year)
    base = rules.corrected_base(year, on, wage, bounds, generated=await steps.done(f"bases:{year}:generate"),
                                member=await members.get(resident_id), employer_id=employer_id)
    await bases.correct(year, resident_id, employer_id, wage, base, on)
    return base


async def effective_policy(bases: Bases, policy: CollectionPolicy) -> CollectionPolicy:
    """The configured policy with the city average wages recorded through the API."""
    wages = policy.city_average_wages | await bases.average_wages()
    return replace(policy, city_average_wages=wages)


async def record_average_wage(bases: Bases, year: int, wage: Decimal) -> None:
    """The city's average monthly wage of `year`, from which the next base year's floor and ceiling derive."""
    await bases.set_average_wage(year, wage)
