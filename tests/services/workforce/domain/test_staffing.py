"""Staffing norms: 社区服务站 urban 1 per 500 households, 3 under 1 500; rural 1 per 300, 2 under 600.
Wenzhou: ≥ 5 per community, 1 per 400 from 2 000 households, +1 per 2 000 migrants; police assistants 1 per 500."""
import pytest

from services.workforce.domain.staffing import (Community, Profile, ProjectedCommunity, Verdict, compare_profiles,
                                                police_assistant_quota, required_workers, shortfall,
                                                station_staff_quota, wenzhou_worker_quota)


@pytest.mark.parametrize("households, required", [(0, 3), (1499, 3), (1500, 3), (1501, 4), (2000, 4), (2001, 5)])
def test_urban_station_staff_at_the_1500_household_boundary(households, required):
    assert station_staff_quota(households, rural=False) == required


@pytest.mark.parametrize("households, required", [(100, 2), (599, 2), (600, 2), (601, 3), (900, 3), (901, 4)])
def test_rural_station_staff_at_the_600_household_boundary(households, required):
    assert station_staff_quota(households, rural=True) == required


@pytest.mark.parametrize("households, required", [(800, 5), (1999, 5), (2000, 5), (2001, 6), (2400, 6), (2401, 7)])
def test_wenzhou_at_least_5_and_1_per_400_from_2000_households(households, required):
    assert wenzhou_worker_quota(households, migrants=0) == required


@pytest.mark.parametrize("migrants, extra", [(1999, 0), (2000, 1), (4000, 2), (5999, 2)])
def test_wenzhou_adds_1_per_2000_migrants(migrants, extra):
    assert wenzhou_worker_quota(2400, migrants) == 6 + extra


@pytest.mark.parametrize("migrants, assistants", [(499, 0), (500, 1), (1000, 2), (1499, 2)])
def test_wenzhou_police_assistants_1_per_500_migrants(migrants, assistants):
    assert police_assistant_quota(migrants) == assistants


def test_the_community_profile_chooses_the_norm_and_a_shortfall_is_never_negative():
    urban = Community("c", "x", rural=False, households=1501, migrants=4000)
    assert required_workers(urban) == 4
    assert required_workers(Community("c", "x", False, 1501, 4000, Profile.WENZHOU)) == 5 + 2
    assert shortfall(4, 3) == 1 and shortfall(4, 6) == 0


def test_the_two_profiles_compared_like_for_like_on_registry_s_inputs():
    """The same households and migrants under each norm, each counting whom it counts: a Beijing community of
    2 401 households and 4 100 migrants, 3 station staff among 6 workers."""
    community = Community("c1", "东升社区", rural=False, households=2401, migrants=4100)
    rows = {r.profile: r for r in compare_profiles(ProjectedCommunity(community, Verdict(True, 3), 6, 3))}
    assert (rows[Profile.BEIJING].required, rows[Profile.BEIJING].actual, rows[Profile.BEIJING].shortfall) == (5, 3, 2)
    assert (rows[Profile.WENZHOU].required, rows[Profile.WENZHOU].actual, rows[Profile.WENZHOU].shortfall) == (9, 6, 3)
    assert (rows[Profile.WENZHOU].police_assistants_required, rows[Profile.BEIJING].police_assistants_required) == (
        8, None)
    legacy = {r.profile: r for r in compare_profiles(ProjectedCommunity(
        Community("w1", "温州社区", False, 2401, 4100, Profile.WENZHOU), Verdict(True, 6), 6))}
    assert (legacy[Profile.WENZHOU].actual, legacy[Profile.BEIJING].actual) == (6, None)
