"""Residential areas: WGS84 location inside Beijing, new-area floor areas, phased progress."""
from datetime import date
from decimal import Decimal

import pytest

from services.registry.domain import residential_area as rules
from services.registry.domain.residential_area import AreaFacts
from shared.errors import Conflict, InvalidInput
from shared.events.registry_places import ResidentialAreaRegistered, ResidentialAreaRemoved, ResidentialAreaUpdated

D = date(2026, 3, 1)


def facts(**overrides) -> AreaFacts:
    return AreaFacts(**({"name": "华清嘉园", "district_code": "110108", "lon": 116.33, "lat": 39.99,
                         "residents": 5000} | overrides))


def problems(**overrides) -> set[tuple[str, str]]:
    return {(p.field, p.rule) for p in rules.facts_problems(facts(**overrides)).problems}


@pytest.mark.parametrize("lon, lat, ok", [(115.4, 39.4, True), (117.6, 41.1, True), (115.39, 39.9, False),
                                          (116.3, 41.11, False), (121.47, 31.23, False)])
def test_the_location_is_inside_beijing(lon, lat, ok):
    assert (problems(lon=lon, lat=lat) == set()) is ok


def test_a_new_area_states_its_floor_areas_and_a_phased_one_its_progress():
    assert problems(kind="new") == {("residential_floor_area", "required-for-new-area"),
                                    ("planned_market_area", "required-for-new-area")}
    new = {"kind": "new", "residential_floor_area": Decimal(200000), "planned_market_area": Decimal(4000)}
    assert problems(**new) == set()
    assert problems(**new, phased=True) == {("housing_completed_percent", "required-when-phased")}
    assert problems(**new, phased=True, housing_completed_percent=Decimal("100.01")) == {
        ("housing_completed_percent", "percent-0-100")}
    assert problems(housing_completed_percent=Decimal(40)) == {("housing_completed_percent", "only-when-phased")}


def test_register_update_remove_publish_the_contract_events():
    area, [registered] = rules.register("a1", facts(), D)
    assert isinstance(registered, ResidentialAreaRegistered) and registered.residents == 5000
    area, [updated] = rules.update(area, facts(residents=5200), date(2026, 4, 1))
    assert isinstance(updated, ResidentialAreaUpdated) and updated.effective_on == date(2026, 4, 1)
    area, [removed] = rules.remove(area, date(2026, 5, 1))
    assert isinstance(removed, ResidentialAreaRemoved) and not area.active
    with pytest.raises(Conflict):
        rules.update(area, facts(), date(2026, 6, 1))
    with pytest.raises(InvalidInput):
        rules.register("a2", facts(lon=0.0), D)
