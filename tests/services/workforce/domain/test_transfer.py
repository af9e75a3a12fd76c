"""调动: a move to another community of the same street office keeps the agreement and the years of service."""
from datetime import date

import pytest

from services.workforce.domain import records, worker as rules
from services.workforce.domain.positions import Post
from services.workforce.domain.transfer import transfer
from services.workforce.domain.worker import Separation, Transfer, WorkerSeparatedAlready
from shared.errors import InvalidInput
from tests.services.workforce.factory import a_hire

ON = date(2024, 7, 1)


@pytest.fixture
def worker():
    return rules.hire("w", a_hire())[0]  # station_staff in c1 since 2020-03-01


def test_a_transfer_moves_the_worker_and_keeps_agreement_employer_and_posts(worker):
    moved = transfer(worker, "c2", ON)
    assert (moved.community_id, moved.employer_id, moved.start_date) == ("c2", "street-1", worker.start_date)
    assert moved.posts == (Post.STATION_STAFF,) and moved.transfers == (Transfer(ON, "c1", "c2"),)
    assert {"on": ON, "kind": "transfer", "detail": {"from": "c1", "to": "c2"}} in records.archive(moved)


def test_a_transfer_may_take_new_posts_from_its_date(worker):
    moved = transfer(worker, "c2", ON, ("committee_member",))
    assert moved.posts == (Post.COMMITTEE_MEMBER,) and moved.posts_on(date(2024, 6, 30)) == (Post.STATION_STAFF,)


@pytest.mark.parametrize("to, on, field", [("c1", ON, "community_id"), (" ", ON, "community_id"),
                                           ("c2", date(2020, 2, 29), "effective_on")])
def test_the_same_community_or_a_date_before_the_posting_is_refused(worker, to, on, field):
    with pytest.raises(InvalidInput) as refused:
        transfer(worker, to, on)
    assert refused.value.errors[0].field == field


def test_a_transfer_before_the_last_one_or_with_unknown_posts_is_refused(worker):
    moved = transfer(worker, "c2", ON)
    with pytest.raises(InvalidInput):
        transfer(moved, "c3", date(2024, 6, 30))
    with pytest.raises(InvalidInput):
        transfer(worker, "c2", ON, ("mayor",))


def test_a_separated_worker_cannot_be_transferred(worker):
    left, _ = rules.separate(worker, Separation(ON, "resignation"))
    with pytest.raises(WorkerSeparatedAlready):
        transfer(left, "c2", date(2024, 8, 1))
