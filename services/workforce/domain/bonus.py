"""The yearly bonus (奖金): a pool of 3 600 yuan × headcount, split by position and assessment."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_DOWN, Decimal

from services.workforce.domain.policy import BonusWeights
from services.workforce.domain.records import grade_for
from services.workforce.domain.worker import Worker
from shared.errors import InvalidInput

CENT = Decimal("0.01")


def bonus_pool(headcount: int, per_head: Decimal) -> Decimal:
    """奖金实行总额包干, 按照平均每人每年3600元的标准核定总额."""
    return (per_head * headcount).quantize(CENT)


def bonus_weight(worker: Worker, year: int, weights: BonusWeights) -> Decimal:
    """Position weight × grade weight, the position being the one held at the end of the year (or of service)."""
    day = min(date(year, 12, 31), worker.separation.on) if worker.separation else date(year, 12, 31)
    grade = grade_for(worker, year)
    grade_weight = weights.ungraded if grade is None else weights.grade[grade.value]
    return weights.position[worker.tier_on(day)] * grade_weight


def split_pool(pool: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Shares proportional to the weights, rounded down to the fen, the fen left over going one each to the
    largest remainders (ties: the larger weight, then the id) — so the shares sum exactly to the pool."""
    total = sum(weights.values(), Decimal(0))
    if total <= 0:
        raise InvalidInput.on("weights", "positive-total", "the bonus weights of the workers sum to zero")
    exact = {k: pool * w / total for k, w in weights.items()}
    shares = {k: v.quantize(CENT, rounding=ROUND_DOWN) for k, v in exact.items()}
    left = int((pool - sum(shares.values(), Decimal(0))) / CENT)
    order = sorted(weights, key=lambda k: (-(exact[k] - shares[k]), -weights[k], k))
    for key in order[:left]:
        shares[key] += CENT
    return shares


def split_bonus(workers: list[Worker], year: int, weights: BonusWeights) -> tuple[Decimal, dict[str, Decimal]]:
    """The year's pool for these workers (those in service during the year) and each one's share."""
    in_year = [w for w in workers if w.in_service_between(date(year, 1, 1), date(year, 12, 31))]
    if not in_year:
        raise InvalidInput.on("year", "workers-in-service", f"no worker of this street served in {year}")
    pool = bonus_pool(len(in_year), weights.per_head)
    return pool, split_pool(pool, {w.id: bonus_weight(w, year, weights) for w in in_year})
