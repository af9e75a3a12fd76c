"""Coverage of residential areas by vegetable markets (菜市场服务半径), measured with 2SFCA.

Norm (existing residential areas): ≥ 100 m² of market per 1000 residents within a service radius of 1000 m, i.e.
0.1 m² per resident. Two-step floating catchment area (Luo & Wang 2003):
  step 1, for each market j:  R_j = S_j / Σ P_k  over residential areas k with d(k, j) ≤ 1000 m
  step 2, for each area i:    A_i = Σ R_j        over markets j with d(i, j) ≤ 1000 m
Area i is covered when A_i ≥ 0.1. Distances in metres on the local projection; neighbours from cKDTree.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

import numpy as np
from scipy.spatial import cKDTree

SERVICE_RADIUS_M = 1000.0
NORM_M2_PER_RESIDENT = 0.1  # 100 m² per 1000 residents
NEW_AREA_MARKET_SHARE = Decimal("0.02")  # new residential area: market floor area = 2 % of residential floor area


@dataclass(frozen=True)
class Points:
    """Ids, (x, y) metres and one weight each (population for areas, floor area m² for markets)."""

    ids: list[str]
    xy: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, ids, xy, weight) -> "Points":
        return cls(list(ids), np.asarray(xy, dtype=float).reshape(-1, 2), np.asarray(weight, dtype=float))

    def __len__(self) -> int:
        return len(self.ids)

    def tree(self) -> cKDTree:
        """Built once per Points (cached on the instance: the replan asks for the areas' tree three times)."""
        return self._tree

    @cached_property
    def _tree(self) -> cKDTree:
        return cKDTree(self.xy)


@dataclass(frozen=True)
class Coverage:
    ratio: np.ndarray  # A_i, m² of market per resident
    nearest_index: np.ndarray  # index into markets, -1 if there is none
    nearest_m: np.ndarray
    covered: np.ndarray
    deficit_m2: np.ndarray


def pairs_within(a: cKDTree, b: cKDTree, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i in a, j in b) at most `radius` metres apart."""
    found = a.sparse_distance_matrix(b, radius, output_type="ndarray")
    return found["i"].astype(np.intp), found["j"].astype(np.intp)


def market_ratios(markets: Points, areas: Points, *, radius: float = SERVICE_RADIUS_M,
                  market_tree: cKDTree | None = None, area_tree: cKDTree | None = None) -> np.ndarray:
    """Step 1: R_j = S_j / Σ P_k within the radius (0 for a market nobody lives near)."""
    if len(markets) == 0 or len(areas) == 0:
        return np.zeros(len(markets))
    j, k = pairs_within(market_tree or markets.tree(), area_tree or areas.tree(), radius)
    demand = np.bincount(j, weights=areas.weight[k], minlength=len(markets))
    return np.divide(markets.weight, demand, out=np.zeros(len(markets)), where=demand > 0)


def accessibility(areas: Points, markets: Points, ratios: np.ndarray, *, radius: float = SERVICE_RADIUS_M,
                  area_tree: cKDTree | None = None, market_tree: cKDTree | None = None) -> np.ndarray:
    """Step 2: A_i = Σ R_j over markets within the radius."""
    if len(markets) == 0 or len(areas) == 0:
        return np.zeros(len(areas))
    i, j = pairs_within(area_tree or areas.tree(), market_tree or markets.tree(), radius)
    return np.bincount(i, weights=ratios[j], minlength=len(areas))


def two_step_fca(areas: Points, markets: Points, *, radius: float = SERVICE_RADIUS_M,
                 norm: float = NORM_M2_PER_RESIDENT) -> Coverage:
    """Full 2SFCA for every area, with the nearest market and the deficit (m²) against the norm."""
    area_tree = areas.tree() if len(areas) else None
    market_tree = markets.tree() if len(markets) else None
    ratios = market_ratios(markets, areas, radius=radius, market_tree=market_tree, area_tree=area_tree)
    access = accessibility(areas, markets, ratios, radius=radius, area_tree=area_tree, market_tree=market_tree)
    return _coverage(areas, access, market_tree, norm)


def _coverage(areas: Points, access: np.ndarray, market_tree: cKDTree | None, norm: float) -> Coverage:
    if market_tree is None or len(areas) == 0:
        nearest_m, nearest = np.full(len(areas), np.inf), np.full(len(areas), -1)
    else:
        nearest_m, nearest = market_tree.query(areas.xy, k=1)
    covered = access >= norm - 1e-12
    deficit = np.where(covered, 0.0, (norm - access) * areas.weight)
    return Coverage(access, np.asarray(nearest), np.asarray(nearest_m), covered, deficit)


def required_market_floor_area(residential_floor_m2: Decimal) -> Decimal:
    """新建居民区: market floor area = 2 % of the residential floor area (a planning-permit condition)."""
    return (residential_floor_m2 * NEW_AREA_MARKET_SHARE).quantize(Decimal("0.01"))
