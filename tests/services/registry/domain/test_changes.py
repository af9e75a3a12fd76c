from datetime import date

import pytest

from services.registry.domain import changes as rules
from services.registry.domain import deregistration as saga
from services.registry.domain.units import CHANGE_DOCUMENTS
from shared.errors import Conflict, InvalidInput
from tests.services.registry.domain.factories import NOW, TODAY, registered

DOCS = tuple(CHANGE_DOCUMENTS)


def test_a_name_change_reprints_the_certificate_with_the_same_number_and_recalls_the_old_one():
    employer = registered()
    changed, events = rules.change(employer, {"name": "新名称有限公司"}, date(2026, 11, 1), DOCS, TODAY)
    assert changed.name == "新名称有限公司" and changed.certificate.number == employer.certificate.number
    assert [p.version for p in changed.certificate.printings] == [1, 2]
    assert changed.certificate.printings[0].recalled_on == TODAY
    assert events[0].changes == {"name": "新名称有限公司"} and events[0].certificate_number == "110108000001"


def test_a_change_not_printed_on_the_certificate_does_not_reprint_it():
    changed, events = rules.change(registered(), {"unit_type": "public_institution"}, TODAY, DOCS, TODAY)
    assert changed.unit_type == "public_institution" and changed.certificate.current.version == 1
    assert events[0].changes == {"unit_type": "public_institution"}


def test_thirty_days_to_report_a_change_later_is_accepted_and_marked_late():
    on_time, _ = rules.change(registered(), {"address": "二号"}, date(2026, 10, 21), DOCS, TODAY)  # day 30
    late, _ = rules.change(registered(), {"address": "二号"}, date(2026, 10, 20), DOCS, TODAY)     # day 31
    assert on_time.timeline[-1].detail["days_late"] == "0" and late.timeline[-1].detail["days_late"] == "1"


def test_uscc_and_district_never_change_and_proof_is_required():
    with pytest.raises(InvalidInput) as caught:
        rules.change(registered(), {"uscc": "x", "district_code": "110101"}, date(2026, 12, 1), (), TODAY)
    rules_broken = {(p.field, p.rule) for p in caught.value.errors}
    assert ("changes.uscc", "changeable-field") in rules_broken and ("change_date", "not-in-future") in rules_broken
    assert sum(p.rule == "required-document" for p in caught.value.errors) == 3


def test_a_change_that_changes_nothing_is_refused():
    with pytest.raises(InvalidInput):
        rules.change(registered(), {"name": "海淀科技有限公司"}, TODAY, DOCS, TODAY)


def test_a_deregistered_unit_cannot_change():
    gone, _ = saga.force(registered(), "licence_revoked", TODAY, TODAY)
    with pytest.raises(Conflict):
        rules.change(gone, {"name": "新"}, TODAY, DOCS, TODAY)


def test_a_lost_certificate_is_reissued_with_the_same_number():
    employer = registered()
    reissued = rules.reissue(employer, "lost on 2026-11-18", TODAY)
    assert reissued.certificate.number == employer.certificate.number
    assert reissued.certificate.current.version == 2 and reissued.certificate.current.reason == "lost"
    with pytest.raises(InvalidInput):
        rules.reissue(employer, "  ", TODAY)
    pending, _ = saga.request(employer, "r", "merger", TODAY, NOW, TODAY)
    with pytest.raises(Conflict):
        rules.reissue(pending, "lost", TODAY)
