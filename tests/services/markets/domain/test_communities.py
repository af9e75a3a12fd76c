"""Which community an area, market or station belongs to after registry abolished or merged the one it named."""
from dataclasses import dataclass

from services.markets.domain.communities import moved, successor


def test_a_community_registry_never_abolished_stands_for_itself():
    assert successor("c1", {}) == "c1" and successor(None, {"c1": "c2"}) is None


def test_a_merged_community_stands_for_the_absorbing_one_along_a_chain_of_mergers():
    assert successor("a", {"a": "b"}) == "b"
    assert successor("a", {"a": "b", "b": "c"}) == "c"  # b merged into c later (or its event came first)


def test_a_community_abolished_outright_stands_for_none():
    assert successor("a", {"a": None}) is None
    assert successor("a", {"a": "b", "b": None}) is None


def test_a_cycle_in_bad_data_ends_instead_of_looping():
    assert successor("a", {"a": "b", "b": "a"}) in {"a", "b"}


def test_a_market_or_station_moves_to_the_absorbing_community_and_nothing_else_changes():
    @dataclass(frozen=True)
    class Served:
        id: str
        community_id: str | None

    assert moved(Served("m1", "a"), "b") == Served("m1", "b")
