"""Yearly wage bases (缴费基数): declared by 31 March, generated on 1 April, checked by 20 April."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from services.insurance.domain.members import Member, valid_resident_id
from services.insurance.domain.money import is_amount
from services.insurance.domain.rates import BaseBounds
from services.insurance.domain.refusals import BASE_COLLECTION, BASE_GENERATION, broken
from shared.errors import Conflict, FieldProblem, InvalidInput, NotFound

DECLARATION_DUE = (3, 31)   # 每年3月31日前上报采集表
GENERATION_DAY = (4, 1)     # 每年4月1日生成当年缴费基数
CHECK_DUE = (4, 20)         # 4月20日之前完成核对


class OutsideBaseCalendar(Conflict):
    code = "base-calendar"
    title = "Outside the wage-base calendar"


def require_declaration_day(year: int, on: date) -> None:
    if not (date(year, 1, 1) <= on <= date(year, *DECLARATION_DUE)):
        message = f"wages for {year} are declared from {year}-01-01 to {date(year, *DECLARATION_DUE)}"
        raise OutsideBaseCalendar(message, errors=broken("on", "declaration-days", message, article=BASE_COLLECTION,
                                                         first_day=f"{year}-01-01",
                                                         last_day=date(year, *DECLARATION_DUE).isoformat()))


def require_generation_day(year: int, on: date) -> None:
    if not (date(year, *GENERATION_DAY) <= on <= date(year, *CHECK_DUE)):
        message = f"bases for {year} are generated from {date(year, *GENERATION_DAY)} and checked by " \
                  f"{date(year, *CHECK_DUE)}"
        raise OutsideBaseCalendar(message, errors=broken("on", "generation-days", message, article=BASE_GENERATION,
                                                         first_day=date(year, *GENERATION_DAY).isoformat(),
                                                         last_day=date(year, *CHECK_DUE).isoformat()))


def require_correction_day(year: int, on: date) -> None:
    """核对: after the bases are generated on 1 April a unit may correct them until 20 April, inclusive."""
    if not (date(year, *GENERATION_DAY) <= on <= date(year, *CHECK_DUE)):
        message = f"bases for {year} can be corrected from {date(year, *GENERATION_DAY)} until the check " \
                  f"deadline {date(year, *CHECK_DUE)}, not on {on}"
        raise OutsideBaseCalendar(message, errors=broken("on", "correction-days", message, article=BASE_GENERATION,
                                                         first_day=date(year, *GENERATION_DAY).isoformat(),
                                                         deadline=date(year, *CHECK_DUE).isoformat()))


def corrected_base(year: int, on: date, wage: Decimal, bounds: BaseBounds, *, generated: bool,
                   member: Member | None, employer_id: str) -> Decimal:
    """A person's base corrected during the check (核对), after the generation: the corrected wage of someone
    insured with the unit, clamped to floor/ceiling like the generated ones."""
    require_correction_day(year, on)
    if not generated:
        message = f"bases for {year} have not been generated yet: nothing to correct"
        raise OutsideBaseCalendar(message, errors=broken("year", "bases-generated", message, article=BASE_GENERATION))
    if member is None or member.employer_id != employer_id:
        message = f"{member.resident_id if member else 'this person'} is not insured with {employer_id}"
        raise NotFound(message, errors=broken("resident_id", "insured-here", message))
    return bounds.clamp(_wage(str(wage), "wage"))


@dataclass
class DeclarationCheck:
    valid: list[tuple[str, Decimal]] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)


def check_declarations(rows: list[dict], insured_here: set[str], first_line: int = 2,
                       already: set[str] = frozenset()) -> DeclarationCheck:
    """Each row {resident_id, wage}: a valid ID of someone insured with the unit, not yet declared this year
    (in this file or before), and a positive wage in yuan. Bad rows are reported with their line number; valid
    rows are kept."""
    seen = set(already)
    result = DeclarationCheck()
    for line, row in enumerate(rows, start=first_line):
        rid, raw = str(row.get("resident_id") or "").strip(), str(row.get("wage") or "").strip()
        try:
            rid = valid_resident_id(rid, f"line {line}.resident_id")
            wage = _wage(raw, f"line {line}.wage")
        except InvalidInput as exc:
            result.problems += exc.errors
            continue
        if rid not in insured_here:
            result.problems.append(FieldProblem(f"line {line}.resident_id", "insured", f"{rid} is not insured here"))
        elif rid in seen:
            result.problems.append(FieldProblem(f"line {line}.resident_id", "declared-once",
                                                f"{rid} is already declared for this year"))
        else:
            seen.add(rid)
            result.valid.append((rid, wage))
    return result


def _wage(raw: str, field_path: str) -> Decimal:
    try:
        wage = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput.on(field_path, "decimal", f"{raw!r} is not an amount") from None
    if not is_amount(wage) or wage == 0:
        raise InvalidInput.on(field_path, "money", "a wage is > 0 with at most 2 decimals")
    return wage


def generate_bases(members: list[Member], declared: dict[str, Decimal], last_year: dict[str, Decimal],
                   bounds: BaseBounds) -> dict[str, Decimal]:
    """Every active person's base: the declared wage clamped to floor/ceiling; without a declaration, last
    year's base (clamped to this year's bounds); with neither, the floor."""
    bases = {}
    for member in members:
        if not member.active:
            continue
        wage = declared.get(member.resident_id, last_year.get(member.resident_id, bounds.floor))
        bases[member.resident_id] = bounds.clamp(wage)
    return bases
