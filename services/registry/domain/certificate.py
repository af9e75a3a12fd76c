"""The social-insurance registration certificate (《社会保险登记证》) and its number (第十五条)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum


SEQUENCE_DIGITS = 6


class CertificateStatus(StrEnum):
    VALID = "valid"
    LAPSED = "lapsed"        # 未经年检,证件自行失效
    RECALLED = "recalled"    # 注销: 收回《登记证》


@dataclass(frozen=True, kw_only=True)
class Printing:
    """One printed version of the certificate; `recalled_on` once a newer version (or deregistration) replaced it."""

    version: int
    issued_on: date
    reason: str
    name: str
    address: str | None = None
    recalled_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Certificate:
    number: str
    status: CertificateStatus = CertificateStatus.VALID
    printings: tuple[Printing, ...]
    lapsed_year: int | None = None

    @property
    def current(self) -> Printing:
        return self.printings[-1]


CONTENT_FIELDS = ("name", "address")
"""Registered facts printed on the certificate: a change to one of them reprints it (第十条)."""


def certificate_number(district_code: str, sequence: int) -> str:
    """第十五条: 12 digits — the 6-digit Beijing district code, then the unit's 6-digit sequence in that district."""
    if len(district_code) != 6 or not district_code.isdigit():
        raise ValueError(f"district code must be 6 digits, not {district_code!r}")
    if not 1 <= sequence < 10 ** SEQUENCE_DIGITS:
        raise ValueError(f"sequence {sequence} does not fit in {SEQUENCE_DIGITS} digits")
    return f"{district_code}{sequence:0{SEQUENCE_DIGITS}d}"


def issue(number: str, name: str, address: str | None, on: date) -> Certificate:
    return Certificate(number=number, printings=(Printing(version=1, issued_on=on, reason="registration",
                                                          name=name, address=address),))


def reprint(certificate: Certificate, name: str, address: str | None, on: date, reason: str) -> Certificate:
    """Same number, version + 1, the previous version recalled (第十条, 第十七条)."""
    previous = replace(certificate.current, recalled_on=on)
    new = Printing(version=previous.version + 1, issued_on=on, reason=reason, name=name, address=address)
    return replace(certificate, printings=(*certificate.printings[:-1], previous, new))


def recall(certificate: Certificate, on: date) -> Certificate:
    previous = replace(certificate.current, recalled_on=on)
    return replace(certificate, status=CertificateStatus.RECALLED, printings=(*certificate.printings[:-1], previous))


def lapse(certificate: Certificate, year: int) -> Certificate:
    return replace(certificate, status=CertificateStatus.LAPSED, lapsed_year=year)


def restore(certificate: Certificate) -> Certificate:
    """A lapsed certificate passes its late inspection: valid again, same number (第十五、二十条)."""
    return replace(certificate, status=CertificateStatus.VALID, lapsed_year=None)
