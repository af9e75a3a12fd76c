"""Communities: registered, changed, merged and abolished by the district government's decision, with events."""
from datetime import date
from decimal import Decimal

import pytest

from services.registry.domain import community as rules
from services.registry.domain.community import Figures
from shared.errors import Conflict, InvalidInput
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated

D = date(2026, 3, 1)


def figures(**overrides) -> Figures:
    values = {"name": "苏州街社区", "district_code": "110108", "street": "海淀街道", "rural": False,
              "households": 1200, "resident_households": 1100, "registered_households": 900,
              "resident_population": 3000, "registered_population": 2500, "migrant_population": 400,
              "area_km2": Decimal("0.8")} | overrides
    return Figures(**values)


def registered(community_id="c1", **overrides):
    return rules.register(community_id, figures(**overrides), D, D)[0]


def test_registration_records_the_decision_and_carries_the_whole_record():
    community, [event] = rules.register("c1", figures(name=" 苏州街社区 "), D, date(2026, 3, 5))
    assert isinstance(event, CommunityRegistered)
    assert (event.name, event.households, event.area_km2, event.effective_on) == ("苏州街社区", 1200, "0.8", D)
    assert community.established_on == D and community.history[0].recorded_on == date(2026, 3, 5)


def test_every_broken_rule_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        rules.register("c1", figures(district_code="110103", street=" ", households=-1, area_km2=Decimal(0)), D, D)
    assert {(e.field, e.rule) for e in caught.value.errors} == {
        ("district_code", "beijing-district"), ("street", "required"), ("households", "not-negative"),
        ("area_km2", "positive")}


def test_a_resize_keeps_district_and_kind_and_publishes_updated():
    changed, [event] = rules.change(registered(), figures(households=1600), "resized", date(2026, 6, 1), D)
    assert isinstance(event, CommunityUpdated) and (event.change, event.households) == ("resized", 1600)
    assert changed.effective_on == date(2026, 6, 1)
    with pytest.raises(InvalidInput) as caught:
        rules.change(registered(), figures(rural=True), "figures", date(2026, 6, 1), D)
    assert caught.value.errors[0].rule == "unchangeable"


def test_a_decision_cannot_take_effect_before_the_establishment():
    with pytest.raises(InvalidInput):
        rules.abolish(registered(), date(2026, 2, 28), D)


def test_merge_sums_the_figures_and_abolishes_the_merged_into_the_survivor():
    a, b, c = registered("a"), registered("b", name="东村社区"), registered("c", name="西村社区", resident_households=None)
    survivor, gone, events = rules.merge(a, [b, c], None, date(2026, 7, 1), D)
    assert survivor.figures.households == 3600 and survivor.figures.area_km2 == Decimal("2.4")
    assert survivor.figures.resident_households is None  # one of them unknown: the sum is unknown
    assert survivor.absorbed == ("b", "c")
    assert [type(e) for e in events] == [CommunityUpdated, CommunityAbolished, CommunityAbolished]
    assert events[0].absorbed == ["b", "c"] and events[0].change == "merged"
    assert {(e.community_id, e.merged_into) for e in events[1:]} == {("b", "a"), ("c", "a")}
    assert all(not g.active and g.merged_into == "a" for g in gone)


def test_merge_refuses_itself_abolished_or_other_district_communities():
    a = registered("a")
    abolished = rules.abolish(registered("b"), D, D)[0]
    other = registered("c", district_code="110105")
    with pytest.raises(InvalidInput) as caught:
        rules.merge(a, [a, abolished, other], None, D, D)
    assert {e.rule for e in caught.value.errors} == {"distinct-others", "active", "same-district-and-kind"}


def test_an_abolished_community_cannot_change_again():
    gone, [event] = rules.abolish(registered(), date(2026, 9, 1), D)
    assert isinstance(event, CommunityAbolished) and event.merged_into is None and not gone.active
    with pytest.raises(Conflict):
        rules.change(gone, figures(), "figures", date(2026, 10, 1), D)
