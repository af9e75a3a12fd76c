"""What registry tells the account: changed registered facts (变更登记) and a lapsed certificate (第十八条)."""
from datetime import date

import pytest

from services.insurance.domain.account import (
    AccountClosed, AccountStatus, CertificateNotValid, CertificateStatus, apply_registered_changes,
    certificate_lapsed, certificate_restored, open_for, require_open, require_valid_certificate)
from shared.events import EmployerRegistered
from shared.events.registry import CertificateLapsed, EmployerChanged

REGISTERED = EmployerRegistered(employer_id="e1", name="旧名称", uscc="91110108551385082Q", district_code="110108",
                                registered_on=date(2026, 1, 5), unit_type="enterprise")
ACCOUNT, _ = open_for(None, REGISTERED, date(2026, 1, 5))


def _changed(on, **changes):
    return EmployerChanged(employer_id="e1", uscc="91110108551385082Q", changes=changes, changed_on=on,
                           district_code="110108", unit_type=changes.get("unit_type", "enterprise"))


def test_the_account_takes_the_new_name_address_and_unit_type():
    assert ACCOUNT.unit_type == "enterprise"
    changed = apply_registered_changes(ACCOUNT, _changed(date(2026, 5, 1), name="新名称", address="海淀路1号",
                                                         unit_type="institution"))
    assert (changed.name, changed.address, changed.unit_type, changed.uscc) == (
        "新名称", "海淀路1号", "institution", ACCOUNT.uscc)


def test_an_older_change_arriving_late_does_not_overwrite_a_newer_one_of_the_same_fact():
    newer = apply_registered_changes(ACCOUNT, _changed(date(2026, 6, 1), name="六月名称"))
    late = apply_registered_changes(newer, _changed(date(2026, 5, 1), name="五月名称", address="海淀路1号"))
    assert (late.name, late.address) == ("六月名称", "海淀路1号")


def _lapse(year):
    return CertificateLapsed(employer_id="e1", uscc="91110108551385082Q", certificate_number="110108000001",
                             year=year, lapsed_on=date(year + 1, 1, 2))


def test_a_lapsed_certificate_blocks_additions_naming_rule_and_article_until_restored():
    lapsed = certificate_lapsed(ACCOUNT, _lapse(2026))
    assert lapsed.certificate_status is CertificateStatus.LAPSED and lapsed.certificate_lapsed_on == date(2027, 1, 2)
    with pytest.raises(CertificateNotValid) as refused:
        require_valid_certificate(lapsed)
    assert (refused.value.errors[0].rule, refused.value.errors[0].article) == (
        "certificate-lapsed", "北京市社会保险登记管理办法 第十八条")
    restored = certificate_restored(lapsed, 2026)
    require_valid_certificate(restored)
    assert certificate_lapsed(restored, _lapse(2026)).certificate_status is CertificateStatus.VALID
    assert certificate_lapsed(restored, _lapse(2027)).certificate_status is CertificateStatus.LAPSED


def test_an_older_years_lapse_arriving_late_changes_nothing():
    lapsed = certificate_lapsed(ACCOUNT, _lapse(2027))
    assert certificate_lapsed(lapsed, _lapse(2026)).certificate_lapsed_year == 2027


def test_a_deregistered_account_enrols_nobody():
    from dataclasses import replace
    with pytest.raises(AccountClosed) as refused:
        require_open(replace(ACCOUNT, status=AccountStatus.DEREGISTERED))
    assert refused.value.errors[0].rule == "employer-deregistered"
