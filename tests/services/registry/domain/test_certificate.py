from datetime import date

import pytest

from services.registry.domain import certificate as certificates
from services.registry.domain.certificate import CertificateStatus, certificate_number


def test_twelve_digits_district_code_then_six_digit_sequence():
    number = certificate_number("110108", 42)
    assert number == "110108000042" and len(number) == 12
    assert certificate_number("110119", 999999) == "110119999999"


@pytest.mark.parametrize("district, sequence", [("11010", 1), ("110108", 0), ("110108", 1_000_000)])
def test_numbers_that_do_not_fit_twelve_digits_are_refused(district, sequence):
    with pytest.raises(ValueError):
        certificate_number(district, sequence)


def test_a_reprint_keeps_the_number_bumps_the_version_and_recalls_the_previous_one():
    first = certificates.issue("110108000001", "甲公司", "一号", date(2026, 1, 5))
    second = certificates.reprint(first, "乙公司", "一号", date(2026, 3, 1), reason="change")
    assert second.number == first.number and second.current.version == 2 and second.current.name == "乙公司"
    assert second.printings[0].recalled_on == date(2026, 3, 1) and second.current.recalled_on is None


def test_recall_and_lapse():
    first = certificates.issue("110108000001", "甲公司", None, date(2026, 1, 5))
    assert certificates.recall(first, date(2026, 2, 1)).status == CertificateStatus.RECALLED
    lapsed = certificates.lapse(first, 2026)
    assert lapsed.status == CertificateStatus.LAPSED and lapsed.lapsed_year == 2026
