"""Replanning after a closure: only the affected areas, a greedy set cover of the gaps, stop-gaps elsewhere."""
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from services.markets.domain.coverage import Points, two_step_fca
from services.markets.domain.replan import affected_areas, gaps_after_closure, plan_for, site_cover_sets

# M1 (400, 0) 300 m² closes. A1, A2 and A5 counted it; A3 is 2600 m away.
AREAS = Points.of(["A1", "A2", "A3", "A5"], [(0, 0), (800, 0), (3000, 0), (400, -950)], [2000, 1000, 500, 100])
REMAINING = Points.of(["M2"], [(1700, 0)], [60])
CLOSED_AT = (400.0, 0.0)
# S1 alone lifts A2 only (R = 250 / 3000); S2 lifts A1 and A2 (R = 400 / 3000); S3 is far away; A5 no site reaches.
SITES = Points.of(["S1", "S2", "S3"], [(400, 100), (0, 200), (10000, 0)], [250, 400, 5000])


def test_only_the_areas_within_1000_m_of_the_closed_market_are_recomputed():
    assert [AREAS.ids[i] for i in affected_areas(AREAS, CLOSED_AT)] == ["A1", "A2", "A5"]


def test_gaps_name_the_areas_below_the_norm_with_their_deficit():
    gaps = gaps_after_closure(AREAS, REMAINING, CLOSED_AT)
    assert [(g.area_id, round(g.ratio, 3), round(g.deficit_m2, 1)) for g in gaps] == [
        ("A1", 0.0, 200.0), ("A2", 0.06, 40.0), ("A5", 0.0, 10.0)]


def test_the_plan_picks_the_one_site_covering_both_gaps_and_a_stopgap_where_none_reaches():
    plan = plan_for(gaps_after_closure(AREAS, REMAINING, CLOSED_AT), AREAS, SITES)
    assert [(s.site_id, s.covers) for s in plan.sites] == [("S2", ("A1", "A2"))]
    assert plan.stopgap_areas == ("A5",)


def test_applying_the_plan_covers_the_areas_it_names():
    plan = plan_for(gaps_after_closure(AREAS, REMAINING, CLOSED_AT), AREAS, SITES)
    chosen = [SITES.ids.index(s.site_id) for s in plan.sites]
    after = Points.of(REMAINING.ids + [SITES.ids[i] for i in chosen],
                      np.vstack([REMAINING.xy, SITES.xy[chosen]]), np.concatenate([REMAINING.weight, SITES.weight[chosen]]))
    covered = dict(zip(AREAS.ids, two_step_fca(AREAS, after).covered))
    assert covered["A1"] and covered["A2"] and not covered["A5"]


coords = st.tuples(st.integers(-2000, 2000), st.integers(-2000, 2000))


@settings(max_examples=60, deadline=None)
@given(areas=st.lists(st.tuples(coords, st.integers(50, 3000)), min_size=1, max_size=12),
       sites=st.lists(st.tuples(coords, st.integers(20, 400)), min_size=0, max_size=8))
def test_every_gap_is_covered_by_the_plan_or_given_a_stopgap(areas, sites):
    area_pts = Points.of([f"A{i}" for i in range(len(areas))], [a[0] for a in areas], [a[1] for a in areas])
    site_pts = Points.of([f"S{i}" for i in range(len(sites))], [s[0] for s in sites] or np.zeros((0, 2)),
                         [s[1] for s in sites])
    gaps = gaps_after_closure(area_pts, Points.of([], np.zeros((0, 2)), []), (0.0, 0.0))
    plan = plan_for(gaps, area_pts, site_pts)
    chosen = [site_pts.ids.index(s.site_id) for s in plan.sites]
    applied = two_step_fca(area_pts, Points.of(chosen, site_pts.xy[chosen], site_pts.weight[chosen]))
    covered = {area_pts.ids[i] for i in np.flatnonzero(applied.covered)}
    named = {a for s in plan.sites for a in s.covers}
    assert named <= covered
    assert named | set(plan.stopgap_areas) == {g.area_id for g in gaps}
    assert len(plan.sites) <= _optimum(gaps, area_pts, site_pts) * _harmonic(gaps, area_pts, site_pts)


def _optimum(gaps, areas, sites):
    """The fewest sites covering every coverable gap, by brute force (tiny instances only)."""
    sets = site_cover_sets(gaps, areas, sites)
    target = set().union(*sets.values()) if sets else set()
    for k in range(len(sets) + 1):
        if any(set().union(set(), *(sets[s] for s in combo)) == target for combo in combinations(sets, k)):
            return k


def _harmonic(gaps, areas, sites):
    """H(d), d the most gaps one site covers: the greedy's guarantee (Chvátal)."""
    d = max((len(v) for v in site_cover_sets(gaps, areas, sites).values()), default=1)
    return sum(1 / i for i in range(1, d + 1))
