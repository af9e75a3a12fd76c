"""社区服务站建设管理办法 第二十一条 / 社区工作者管理办法 第六条(六): new station staff are expected (一般要持有) to
hold a social-worker (社会工作师 / 助理社会工作师) certificate or the Beijing community-worker qualification, valid
(有效期内) on the hiring date — refused without one unless the street office records its reason."""
from datetime import date

import pytest

from services.workforce.domain import records
from services.workforce.domain import worker as rules
from services.workforce.domain.worker import ARTICLE_CERTIFICATE, Certificate
from shared.errors import InvalidInput
from tests.services.workforce.factory import a_hire

START = date(2020, 3, 1)


def refusal_of(hire):
    with pytest.raises(InvalidInput) as refused:
        rules.hire("w", hire)
    return [(e.field, e.rule, e.article) for e in refused.value.errors]


def test_new_station_staff_without_a_certificate_are_refused_naming_rule_and_article():
    assert refusal_of(a_hire(certificates=())) == [("certificates", "station-staff-certificate",
                                                    ARTICLE_CERTIFICATE)]
    assert refusal_of(a_hire(certificates=(), posts=("station_head",))) == [
        ("certificates", "station-staff-certificate", ARTICLE_CERTIFICATE)]


@pytest.mark.parametrize("kind", ["social_worker", "assistant_social_worker", "community_worker_qualification"])
def test_each_of_the_three_certificates_valid_on_the_hiring_date_suffices(kind):
    worker, _ = rules.hire("w", a_hire(certificates=(Certificate(kind, "N-1", START, START),)))
    assert worker.certificate_exception is None


@pytest.mark.parametrize("registered_on, valid_until", [(date(2020, 3, 2), None),           # registered the day after
                                                        (date(2015, 1, 1), date(2020, 2, 29))])  # expired the day before
def test_a_certificate_not_valid_on_the_hiring_date_does_not_count(registered_on, valid_until):
    hire = a_hire(certificates=(Certificate("social_worker", "S-1", registered_on, valid_until),))
    assert [rule for _, rule, _ in refusal_of(hire)] == ["station-staff-certificate"]


def test_the_street_office_may_hire_without_one_recording_its_reason_in_the_archive():
    worker, _ = rules.hire("w", a_hire(certificates=(), certificate_exception="  考试合格, 承诺一年内取证  "))
    assert (worker.certificate_exception.reason, worker.certificate_exception.recorded_on) == (
        "考试合格, 承诺一年内取证", START)
    assert [e["detail"] for e in records.archive(worker) if e["kind"] == "certificate_exception"] == [
        {"reason": "考试合格, 承诺一年内取证"}]
    assert [rule for _, rule, _ in refusal_of(a_hire(certificates=(), certificate_exception="  "))] == [
        "station-staff-certificate"]


def test_elected_committee_members_are_not_station_recruits():
    worker, _ = rules.hire("w", a_hire(kind="elected", posts=("committee_member",), certificates=()))
    assert worker.certificate_exception is None
