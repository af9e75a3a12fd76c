"""Recompute coverage only where a change can reach (局部重算): a residential area registered, changed or removed,
or a market opened.

Which areas' A_i can move (R the 1000 m service radius):
- a market opens at p: only areas within R of p count it, and no other market's R_j changes (R_j depends on
  populations only) — reach R, as for a closure;
- an area's residents or location change at p: R_j changes for the markets within R of p, and A_i for the areas
  within R of those markets — reach 2R (around the old and the new location).
A_i of an area needs the markets within R of it, and R_j of those the areas within R of them: the caller loads the
areas within reach + 2R of the centres and every market in service; the neighbour pairs come from cKDTree.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.markets.domain.coverage import NORM_M2_PER_RESIDENT, SERVICE_RADIUS_M, Points, market_ratios, pairs_within
from services.markets.domain.replan import Gap

MARKET_CHANGE_REACH_M = SERVICE_RADIUS_M
AREA_CHANGE_REACH_M = 2 * SERVICE_RADIUS_M
LOAD_MARGIN_M = 2 * SERVICE_RADIUS_M  # areas to load beyond the reach, so every R_j involved is exact


@dataclass(frozen=True)
class Recomputed:
    gaps: tuple[Gap, ...]  # affected areas below the norm
    covered: tuple[str, ...]  # affected areas at or above it


def affected(areas: Points, centres: list[tuple[float, float]], reach: float) -> np.ndarray:
    """Indices of the areas within `reach` of any centre (sorted, no repeats)."""
    if len(areas) == 0 or not centres:
        return np.zeros(0, dtype=np.intp)
    found = areas.tree().query_ball_point(np.asarray(centres, dtype=float), reach)
    return np.asarray(sorted({i for hits in found for i in hits}), dtype=np.intp)


def accessibility_of(areas: Points, markets: Points, idx: np.ndarray, *, radius: float = SERVICE_RADIUS_M
                     ) -> np.ndarray:
    """A_i for the areas at `idx` only; R_j for just the markets within reach of them."""
    if len(idx) == 0 or len(markets) == 0:
        return np.zeros(len(idx))
    subset = Points.of([areas.ids[i] for i in idx], areas.xy[idx], areas.weight[idx])
    i, j = pairs_within(subset.tree(), markets.tree(), radius)
    near = np.unique(j)
    ratio = np.zeros(len(markets))
    ratio[near] = market_ratios(Points.of([markets.ids[n] for n in near], markets.xy[near], markets.weight[near]),
                                areas, radius=radius, area_tree=areas.tree())
    return np.bincount(i, weights=ratio[j], minlength=len(subset))


def recompute_around(areas: Points, markets: Points, centres: list[tuple[float, float]], reach: float, *,
                     radius: float = SERVICE_RADIUS_M, norm: float = NORM_M2_PER_RESIDENT) -> Recomputed:
    """2SFCA for the areas within `reach` of the centres: which are below the norm, which are covered."""
    idx = affected(areas, centres, reach)
    access = accessibility_of(areas, markets, idx, radius=radius)
    gaps, covered = [], []
    for n, a in zip(idx.tolist(), access.tolist()):
        if a < norm - 1e-12:
            gaps.append(Gap(areas.ids[n], float(a), float((norm - a) * areas.weight[n])))
        else:
            covered.append(areas.ids[n])
    return Recomputed(tuple(gaps), tuple(covered))
