"""第二十一、二十二条: closure only with district approval; demolition only after a replacement is built."""
from datetime import date

import pytest

from services.markets.domain import operating
from services.markets.domain.lifecycle import Approval
from services.markets.domain.market import Status
from services.markets.domain.operating import ReplacementNotReady
from shared.errors import InvalidInput
from shared.events.markets import MarketClosed
from tests.services.markets.domain.factories import operating as an_operating_market, planned

DAY = date(2026, 9, 1)
DISTRICT = Approval("district_commerce", "东商审〔2026〕12号", date(2026, 8, 20))


def test_closure_without_district_approval_is_refused():
    with pytest.raises(InvalidInput) as refused:
        operating.leave_service(an_operating_market(), Status.CLOSED, DAY, [])
    assert refused.value.errors[0].rule == "approval-required"


def test_approval_dated_after_the_closure_does_not_count():
    late = Approval("district_commerce", "x", date(2026, 9, 2))
    with pytest.raises(InvalidInput):
        operating.leave_service(an_operating_market(), Status.CLOSED, DAY, [late])


def test_approved_closure_publishes_market_closed():
    closed, events = operating.leave_service(an_operating_market(), Status.CLOSED, DAY, [DISTRICT])
    assert closed.status is Status.CLOSED
    assert [(type(e), e.reason, e.closed_on) for e in events] == [(MarketClosed, "closed", DAY)]


def test_suspension_needs_approval_and_is_not_a_closure():
    suspended = operating.suspend(an_operating_market(), DAY, [DISTRICT])
    assert suspended.status is Status.SUSPENDED and not suspended.in_service
    assert operating.resume(suspended, date(2026, 10, 1)).in_service


def test_demolition_needs_the_district_government_and_the_city():
    replacement = an_operating_market("m2", lon=116.3985)
    with pytest.raises(InvalidInput):
        operating.replace(an_operating_market(), Status.DEMOLISHED, DAY, [DISTRICT], replacement)


def test_demolition_needs_a_replacement_built_first_nearby_and_not_smaller():
    approvals = [Approval("district_government", "a", DAY), Approval("city_commerce", "b", DAY)]
    market = an_operating_market()
    with pytest.raises(ReplacementNotReady) as unbuilt:
        operating.replace(market, Status.DEMOLISHED, DAY, approvals, planned())
    assert "replacement-built-first" in {e.rule for e in unbuilt.value.errors}
    far = an_operating_market("m3", lon=116.4200)  # ≈ 1.9 km east, beyond the 1000 m service radius
    with pytest.raises(ReplacementNotReady) as too_far:
        operating.replace(market, Status.RELOCATED, DAY, approvals, far)
    assert {e.rule for e in too_far.value.errors} == {"replacement-nearby"}
    smaller = an_operating_market("m4", lon=116.3985, vegetable="500")
    with pytest.raises(ReplacementNotReady):
        operating.replace(market, Status.REBUILT, DAY, approvals, smaller)
    gone, events = operating.replace(market, Status.RELOCATED, DAY, approvals, an_operating_market("m5", lon=116.3985))
    assert gone.status is Status.RELOCATED and events[0].reason == "relocated"
