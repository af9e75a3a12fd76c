"""Registration numbers (登记号).

Format: `YYYY-RRRRRR-NNNNNN` — the year of registration, the registrar's code (the 6-digit code of the Beijing
district whose registration office registered it, e.g. 110108 for 海淀) and a gap-free sequence within that
year and registrar, zero-padded to 6 digits: `2026-110108-000042`. Filings (备案, seller outside Beijing) use
the same shape with `B` before the sequence: `2026-110108-B000007`, in their own sequence.
The sequence is claimed with `shared.sequences.SequenceAllocator` under `sequence_scope`.
"""
from __future__ import annotations

import re

REGISTRAR_CODE = re.compile(r"^1101\d{2}$")


def is_registrar_code(code: str) -> bool:
    return bool(REGISTRAR_CODE.match(code))


def sequence_scope(year: int, registrar_code: str, filing: bool) -> str:
    return f"{year}:{registrar_code}:{'filing' if filing else 'registration'}"


def registration_number(year: int, registrar_code: str, sequence: int, filing: bool) -> str:
    return f"{year:04d}-{registrar_code}-{'B' if filing else ''}{sequence:06d}"
