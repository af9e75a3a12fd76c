"""社区服务站建设管理办法 第十一条 (six standing posts and 1–2 special posts, approved by the street office) and
第十九条 (a head and a deputy head, who may hold the post concurrently): what the station check reports."""
from datetime import date

import pytest

from services.workforce.domain.positions import Post
from services.workforce.domain.station import (ARTICLE_HEADS, ARTICLE_POSTS, STANDING_POSTS, record_posts,
                                               station_findings)
from shared.errors import InvalidInput

HEADS = [Post.STATION_HEAD, Post.STATION_DEPUTY_HEAD, Post.STATION_STAFF]


def posts(special):
    return record_posts("c1", STANDING_POSTS, special, date(2026, 1, 5))


def rules_of(findings):
    return [(f.rule, f.article) for f in findings]


@pytest.mark.parametrize("special, findings", [
    ((), [("special-posts-1-to-2", ARTICLE_POSTS)]),
    (("养老服务",), []),
    (("养老服务", "流动人口服务"), []),
    (("养老服务", "流动人口服务", "物业协调"), [("special-posts-1-to-2", ARTICLE_POSTS)]),
])
def test_one_or_two_special_posts(special, findings):
    assert rules_of(station_findings(posts(special), HEADS)) == findings


def test_a_station_without_head_or_deputy_is_reported_and_concurrent_holders_count():
    assert rules_of(station_findings(posts(("养老服务",)), [Post.STATION_STAFF])) == [
        ("station-head", ARTICLE_HEADS), ("station-deputy-head", ARTICLE_HEADS)]
    # the committee director holding the station head's post concurrently (兼任) is the head
    assert station_findings(posts(("养老服务",)), [Post.COMMITTEE_DIRECTOR, Post.STATION_HEAD,
                                                  Post.STATION_DEPUTY_HEAD]) == []


def test_no_approved_posts_and_missing_standing_posts_are_reported():
    assert rules_of(station_findings(None, HEADS)) == [("station-posts-approved", ARTICLE_POSTS)]
    partial = record_posts("c1", STANDING_POSTS[:5], ["养老服务"], date(2026, 1, 5))
    [finding] = station_findings(partial, HEADS)
    assert finding.rule == "standing-posts" and "general_affairs" in finding.message


def test_posts_are_recorded_by_their_names():
    with pytest.raises(InvalidInput) as refused:
        record_posts("c1", ["cooking"], ["", "general_affairs"], date(2026, 1, 5))
    assert [(e.field, e.rule) for e in refused.value.errors] == [
        ("standing.0", "standing-post"), ("special.0", "special-post-name"), ("special.1", "special-post-name")]
