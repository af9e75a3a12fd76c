"""Replanning when a market leaves service (补建): which residential areas fall below the norm, and which candidate
sites (国有商业网点, 废置锅炉房, 换气站) restore them with the fewest sites.

Only the areas within the service radius of the closed market can change: R_j of every other market depends on
populations only, so A_i moves only where the closed market was counted. The plan is a greedy set cover: a site s
"covers" a gap area i when d(i, s) ≤ 1000 m and A_i + R_s ≥ 0.1, with R_s = S_s / Σ P_k within 1000 m of s (2SFCA
step 1 for the site as if opened). Adding sites never lowers any A_i, so the union of chosen sites covers every area
it was chosen for. Greedy picks the site covering most remaining gaps (ties: least floor area, then id) and uses at
most H(d) ≤ 1 + ln d times the minimum number of sites, d the largest number of gaps one site covers (Chvátal 1979).
Gaps that no candidate reaches get a stop-gap weekend or morning/evening market (周末菜市、早晚市) on the area itself.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.markets.domain.coverage import (NORM_M2_PER_RESIDENT, SERVICE_RADIUS_M, Points, accessibility,
                                              market_ratios, pairs_within)


@dataclass(frozen=True)
class Gap:
    area_id: str
    ratio: float
    deficit_m2: float


@dataclass(frozen=True)
class ChosenSite:
    site_id: str
    area_m2: float
    covers: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    gaps: tuple[Gap, ...]
    sites: tuple[ChosenSite, ...]
    stopgap_areas: tuple[str, ...]  # areas no candidate reaches: weekend / morning-evening market proposed


def affected_areas(areas: Points, closed_xy: tuple[float, float], radius: float = SERVICE_RADIUS_M) -> np.ndarray:
    """Indices of the areas that counted the closed market (within its service radius)."""
    return _within(areas, closed_xy, radius)


def gaps_after_closure(areas: Points, markets: Points, closed_xy: tuple[float, float], *,
                       radius: float = SERVICE_RADIUS_M, norm: float = NORM_M2_PER_RESIDENT) -> tuple[Gap, ...]:
    """2SFCA for the affected areas only, with `markets` being those still in service."""
    idx = affected_areas(areas, closed_xy, radius)
    if len(idx) == 0:
        return ()
    near = _subset(markets, _within(markets, closed_xy, 2 * radius))  # only these can reach an affected area
    ratios = market_ratios(near, areas, radius=radius)
    subset = _subset(areas, idx)
    access = accessibility(subset, near, ratios, radius=radius)
    return tuple(Gap(subset.ids[n], float(a), float((norm - a) * subset.weight[n]))
                 for n, a in enumerate(access) if a < norm - 1e-12)


def _within(points: Points, xy: tuple[float, float], radius: float) -> np.ndarray:
    if len(points) == 0:
        return np.zeros(0, dtype=np.intp)
    return np.asarray(sorted(points.tree().query_ball_point(xy, radius)), dtype=np.intp)


def _subset(points: Points, idx: np.ndarray) -> Points:
    return Points.of([points.ids[i] for i in idx], points.xy[idx].reshape(-1, 2), points.weight[idx])


def plan_for(gaps: tuple[Gap, ...], areas: Points, sites: Points, *, radius: float = SERVICE_RADIUS_M,
             norm: float = NORM_M2_PER_RESIDENT) -> Plan:
    """Greedy set cover of the gaps by candidate sites; stop-gap markets for what no site reaches."""
    covers = site_cover_sets(gaps, areas, sites, radius=radius, norm=norm)
    remaining = {g.area_id for g in gaps}
    chosen: list[ChosenSite] = []
    while remaining:
        best = max(covers, key=lambda s: (len(covers[s] & remaining), -sites.weight[s], -s), default=None)
        if best is None or not covers[best] & remaining:
            break
        gained = covers.pop(best) & remaining
        remaining -= gained
        chosen.append(ChosenSite(sites.ids[best], float(sites.weight[best]), tuple(sorted(gained))))
    stopgaps = tuple(g.area_id for g in gaps if g.area_id in remaining)
    return Plan(gaps, tuple(chosen), stopgaps)


def site_cover_sets(gaps: tuple[Gap, ...], areas: Points, sites: Points, *, radius: float = SERVICE_RADIUS_M,
                    norm: float = NORM_M2_PER_RESIDENT) -> dict[int, set[str]]:
    """For each candidate site (index), the gap areas it alone lifts to the norm."""
    if not gaps or len(sites) == 0:
        return {}
    gap_pos = {area_id: n for n, area_id in enumerate(areas.ids)}
    gap_idx = np.asarray([gap_pos[g.area_id] for g in gaps], dtype=np.intp)
    gap_points = Points.of([g.area_id for g in gaps], areas.xy[gap_idx], [g.ratio for g in gaps])
    site_tree = sites.tree()
    g, s = pairs_within(gap_points.tree(), site_tree, radius)
    near = np.unique(s)
    nearby_sites = _subset(sites, near)
    site_ratio = dict(zip(near.tolist(), market_ratios(nearby_sites, areas, radius=radius).tolist()))
    sets: dict[int, set[str]] = {}
    for gi, si in zip(g.tolist(), s.tolist()):
        if gap_points.weight[gi] + site_ratio[si] >= norm - 1e-12:
            sets.setdefault(si, set()).add(gap_points.ids[gi])
    return sets
