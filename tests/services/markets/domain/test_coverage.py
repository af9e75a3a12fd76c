"""2SFCA on a map small enough to work by hand (the same example as docs/markets-coverage.md)."""
from decimal import Decimal

import numpy as np
import pytest

from services.markets.domain.coverage import Points, required_market_floor_area, two_step_fca
from services.markets.domain.geo import distance_m, project

# Areas (x, y metres, residents) and markets (x, y, m²) on one street:
#   A1 (0, 0) 2000   A2 (800, 0) 1000   A3 (3000, 0) 500
#   M1 (400, 0) 150 m²   M2 (1700, 0) 60 m²
AREAS = Points.of(["A1", "A2", "A3"], [(0, 0), (800, 0), (3000, 0)], [2000, 1000, 500])
MARKETS = Points.of(["M1", "M2"], [(400, 0), (1700, 0)], [150, 60])


def test_the_hand_worked_example():
    # R_M1 = 150 / (2000 + 1000) = 0.05 (A3 is 2600 m away); R_M2 = 60 / 1000 = 0.06 (only A2 within 1000 m)
    # A_A1 = 0.05 < 0.1; A_A2 = 0.05 + 0.06 = 0.11 ≥ 0.1; A_A3 = 0 (nearest market M2, 1300 m)
    result = two_step_fca(AREAS, MARKETS)
    assert result.ratio == pytest.approx([0.05, 0.11, 0.0])
    assert result.covered.tolist() == [False, True, False]
    assert result.deficit_m2 == pytest.approx([100.0, 0.0, 50.0])  # (0.1 − A_i) × P_i
    assert result.nearest_index.tolist() == [0, 0, 1] and result.nearest_m[2] == pytest.approx(1300)


def test_the_service_radius_is_1000_m_inclusive():
    areas = Points.of(["in", "out"], [(1000, 0), (0, 1000.5)], [100, 100])
    result = two_step_fca(areas, Points.of(["M"], [(0, 0)], [20]))
    assert result.ratio.tolist() == [pytest.approx(0.2), 0.0]  # 20 m² for the 100 residents 1000 m away


def test_100_m2_per_1000_residents_is_exactly_covered():
    result = two_step_fca(Points.of(["A"], [(0, 0)], [1000]), Points.of(["M"], [(10, 0)], [100]))
    assert result.covered.tolist() == [True] and result.deficit_m2.tolist() == [0.0]


def test_no_markets_leaves_everyone_uncovered_with_the_full_deficit():
    result = two_step_fca(AREAS, Points.of([], np.zeros((0, 2)), []))
    assert result.deficit_m2 == pytest.approx([200, 100, 50]) and not result.covered.any()


def test_distances_are_metres_on_the_local_projection():
    # 0.01° of latitude is ≈ 1110 m in Beijing; 0.01° of longitude ≈ 852 m at 39.9°N
    assert distance_m((116.40, 39.90), (116.40, 39.91)) == pytest.approx(1110, rel=0.005)
    assert distance_m((116.40, 39.90), (116.41, 39.90)) == pytest.approx(852, rel=0.005)
    assert project([116.4074], [39.9042])[0] == pytest.approx([0, 0], abs=0.01)


def test_a_new_residential_area_needs_2_percent_of_its_floor_area_as_market():
    assert required_market_floor_area(Decimal("150000")) == Decimal("3000.00")
