"""Recomputing coverage only where a change can reach: 2000 m around a changed area, 1000 m around an opened
market — and the result equals the full 2SFCA for every area it covers."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from services.markets.domain.coverage import Points, two_step_fca
from services.markets.domain.recompute import (AREA_CHANGE_REACH_M, LOAD_MARGIN_M, MARKET_CHANGE_REACH_M, affected,
                                               recompute_around)

# N (new, 4000 residents) at (0, 0) joins A1 near M1; A2 is 1900 m away, A3 2100 m.
AREAS = Points.of(["N", "A1", "A2", "A3"], [(0, 0), (800, 0), (1900, 0), (2100, 0)], [4000, 1000, 1000, 1000])
MARKETS = Points.of(["M1", "M2"], [(850, 0), (2000, 0)], [300, 200])


def test_a_changed_area_recomputes_the_areas_within_2000_m():
    assert [AREAS.ids[i] for i in affected(AREAS, [(0.0, 0.0)], AREA_CHANGE_REACH_M)] == ["N", "A1", "A2"]


def test_a_new_area_sharing_a_market_pulls_its_neighbour_below_the_norm():
    # Without N: R_M1 = 300 / 1000 = 0.3 → A1 covered. With N: R_M1 = 300 / 5000 = 0.06 → N and A1 below 0.1.
    result = recompute_around(AREAS, MARKETS, [(0.0, 0.0)], AREA_CHANGE_REACH_M)
    assert [(g.area_id, round(g.ratio, 3), round(g.deficit_m2)) for g in result.gaps] == [
        ("N", 0.06, 160), ("A1", 0.06, 40)]
    assert result.covered == ("A2",)  # M2: 200 / 2000 = 0.1 exactly


def test_an_opened_market_recomputes_only_the_areas_within_1000_m():
    assert [AREAS.ids[i] for i in affected(AREAS, [(1800.0, 0.0)], MARKET_CHANGE_REACH_M)] == ["A1", "A2", "A3"]
    assert [AREAS.ids[i] for i in affected(AREAS, [(2900.0, 0.0)], MARKET_CHANGE_REACH_M)] == ["A2", "A3"]


def test_nothing_near_means_nothing_to_recompute():
    result = recompute_around(AREAS, MARKETS, [(50_000.0, 0.0)], AREA_CHANGE_REACH_M)
    assert result.gaps == () and result.covered == ()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_the_local_recompute_equals_the_full_2sfca_where_it_looks(seed):
    rng = np.random.default_rng(seed)
    areas = Points.of([f"a{i}" for i in range(60)], rng.uniform(0, 8000, (60, 2)), rng.integers(100, 3000, 60))
    markets = Points.of([f"m{i}" for i in range(15)], rng.uniform(0, 8000, (15, 2)), rng.uniform(50, 600, 15))
    centre = tuple(rng.uniform(0, 8000, 2))
    full = dict(zip(areas.ids, two_step_fca(areas, markets).ratio))
    # only the areas the repository would load (bounding box of reach + margin) are given
    box = np.all(np.abs(areas.xy - centre) <= AREA_CHANGE_REACH_M + LOAD_MARGIN_M, axis=1)
    loaded = Points.of([i for i, keep in zip(areas.ids, box) if keep], areas.xy[box], areas.weight[box])
    result = recompute_around(loaded, markets, [centre], AREA_CHANGE_REACH_M)
    for gap in result.gaps:
        assert gap.ratio == pytest.approx(full[gap.area_id]) and full[gap.area_id] < 0.1
    assert all(full[a] >= 0.1 - 1e-12 for a in result.covered)
    expected = {areas.ids[i] for i in affected(areas, [centre], AREA_CHANGE_REACH_M)}
    assert {g.area_id for g in result.gaps} | set(result.covered) == expected
