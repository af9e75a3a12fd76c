"""Registry's residential-area records as markets keeps them: newest wins, the 2 % planning condition is flagged
(never refused), and the date a phased project reached half of its housing."""
from datetime import date
from decimal import Decimal

from services.markets.domain.areas import half_done_since, housing_half_done, planning_breaches, supersedes

LON, LAT = 116.41, 39.95
JUNE, JULY = date(2026, 6, 1), date(2026, 7, 1)


def test_an_older_record_never_replaces_a_newer_one():
    assert supersedes(JULY, JUNE) is False
    assert supersedes(JUNE, JULY) is True


def test_the_same_record_again_applies_and_a_hand_imported_row_yields_to_registry():
    assert supersedes(JUNE, JUNE) is True
    assert supersedes(None, JUNE) is True


def test_a_new_area_with_exactly_2_percent_of_its_floor_area_as_market_is_not_flagged():
    # 150 000 m² of housing needs 3 000 m² of market
    assert planning_breaches(LON, LAT, True, Decimal("150000"), Decimal("3000.00")) == []


def test_a_new_area_just_below_2_percent_is_flagged_with_the_rule():
    (breach,) = planning_breaches(LON, LAT, True, Decimal("150000"), Decimal("2999.99"))
    assert breach["field"] == "planned_market_area" and breach["rule"] == "market-floor-area-2-percent"
    assert "3000.00" in breach["message"]


def test_a_new_area_without_floor_areas_is_flagged_an_existing_one_is_not_checked():
    assert [b["rule"] for b in planning_breaches(LON, LAT, True, None, None)] == ["required-for-new-area"]
    assert planning_breaches(LON, LAT, False, Decimal("150000"), Decimal("0")) == []


def test_half_of_the_housing_is_50_percent_not_49_99():
    assert housing_half_done(True, Decimal("50")) is True
    assert housing_half_done(True, Decimal("49.99")) is False
    assert housing_half_done(False, Decimal("80")) is False  # not a phased project
    assert housing_half_done(True, None) is False


def test_the_half_done_date_is_the_first_report_and_a_correction_below_half_clears_it():
    first = half_done_since(None, True, Decimal("50"), JUNE)
    assert first == JUNE
    assert half_done_since(first, True, Decimal("70"), JULY) == JUNE
    assert half_done_since(first, True, Decimal("49.99"), JULY) is None
    assert half_done_since(None, True, Decimal("49.99"), JUNE) is None
