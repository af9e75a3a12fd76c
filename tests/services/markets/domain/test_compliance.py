"""Vegetable area ≥ 1/2 of the business area, direct supply ≥ 50 %, and the fines of 第三十二至三十五条."""
from datetime import date
from decimal import Decimal

import pytest

from services.markets.domain import compliance
from services.markets.domain.compliance import FineOutOfRange, area_problems
from services.markets.domain.market import Areas
from shared.errors import InvalidInput
from tests.services.markets.domain.factories import operating

DAY = date(2026, 9, 1)


def rules(business, vegetable, direct="0", adopted=False):
    return {p.rule for p in area_problems(Areas(Decimal(business), Decimal(vegetable), Decimal(direct), adopted)).problems}


def test_vegetable_area_must_be_at_least_half_of_the_business_area():
    assert rules("1000", "500") == set()
    assert rules("1000", "499.99") == {"vegetable-area-at-least-half"}


def test_direct_supply_at_least_50_percent_of_the_vegetable_area_only_where_adopted():
    assert rules("1000", "600", "299.99", adopted=True) == {"direct-supply-at-least-50-percent"}
    assert rules("1000", "600", "300", adopted=True) == set()
    assert rules("1000", "600", "0", adopted=False) == set()


def test_an_inspection_finding_a_reduced_vegetable_area_opens_a_10000_to_30000_case():
    market = compliance.inspect(operating(vegetable="600"), Areas(Decimal(1000), Decimal(550)), "vegetable_market", DAY)
    assert [(c.kind, c.low, c.high) for c in market.cases] == [("reduced_vegetable_area", 10000, 30000)]


def test_a_change_of_use_opens_a_case_and_an_unchanged_market_none():
    assert compliance.inspect(operating(), Areas(Decimal(1000), Decimal(600)), "vegetable_market", DAY).cases == ()
    changed = compliance.inspect(operating(), Areas(Decimal(1000), Decimal(600)), "restaurant", DAY)
    assert [c.kind for c in changed.cases] == ["change_of_use"]


def test_the_fine_must_lie_inside_the_range_and_the_higher_range_after_a_refusal():
    market = compliance.open_case(operating(), "unapproved_closure", DAY)
    with pytest.raises(FineOutOfRange):
        compliance.impose_fine(market, 1, Decimal("30000.01"), "officer-1")
    assert compliance.impose_fine(market, 1, Decimal("30000.00"), "officer-1").cases[0].fine == Decimal(30000)
    refused = compliance.refuse_correction(market, 1)
    assert (refused.cases[0].low, refused.cases[0].high) == (Decimal(30000), Decimal(100000))
    with pytest.raises(FineOutOfRange):
        compliance.impose_fine(refused, 1, Decimal("29999.99"), "officer-1")
    assert compliance.impose_fine(refused, 1, Decimal("100000"), "officer-1").cases[0].status == "fined"


def test_late_filing_refused_goes_to_5000_to_30000_and_late_transfer_has_no_higher_range():
    refused = compliance.refuse_correction(compliance.open_case(operating(), "late_filing", DAY), 1)
    assert (refused.cases[0].low, refused.cases[0].high) == (Decimal(5000), Decimal(30000))
    with pytest.raises(InvalidInput):
        compliance.refuse_correction(compliance.open_case(operating(), "late_ownership_transfer", DAY), 1)


def test_a_fined_case_cannot_be_fined_again():
    market = compliance.impose_fine(compliance.open_case(operating(), "late_opening", DAY), 1, Decimal(1000), "o")
    with pytest.raises(InvalidInput):
        compliance.impose_fine(market, 1, Decimal(2000), "o")
