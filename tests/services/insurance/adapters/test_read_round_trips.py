"""The database commands each single-resource GET sends, counted by pymongo's command monitoring on the app's own
client against the real FerretDB: every collection the answer needs is read once, and a read whose result would
not be used is not sent (issue 24). A bound that fails names the commands sent."""
from datetime import date
from decimal import Decimal

import pytest

pytestmark = pytest.mark.infra

BASE = Decimal("10000.00")  # 2 600.00 a month with the default rates (26 %)


async def _unit_in_arrears(api) -> tuple[str, str]:
    """One person since September; October closed unpaid (arrears, its close left open), November debited in full."""
    unit = await api.account("owing")
    rid = await api.member(unit, on="2026-09-10")
    await api.container.bases.write_bases(2026, {rid: BASE})
    for period, on in (("2026-10", "2026-10-28"), ("2026-11", "2026-11-28")):
        assert (await api.job("month-statements", {"month": period, "on": on})).status_code == 200
    assert (await api.job("month-close", {"month": "2026-10", "on": "2026-11-30"})).status_code == 200
    api.clock.today = date(2026, 12, 4)
    paid = await api.post("/cycles/2026-11/debit-results", content=f"employer_id,amount\n{unit},2600.00\n".encode(),
                          headers={"content-type": "text/csv"})
    assert paid.status_code == 200, paid.text
    return unit, rid


async def _read(api, path: str, **params) -> tuple[dict, list[tuple[str, str]]]:
    with api.commands.counting() as sent:
        response = await api.get(path, **params)
    assert response.status_code == 200, response.text
    assert sent, "the app's client reported no command: the listener is not on it"
    return response.json(), sent


def _each_collection_once(sent: list[tuple[str, str]]) -> None:
    collections = [collection for _, collection in sent]
    assert len(collections) == len(set(collections)), f"a collection read twice: {sent}"


async def test_the_account_with_arrears_reads_each_of_its_five_collections_once(counted_api):
    unit, _ = await _unit_in_arrears(counted_api)
    account, sent = await _read(counted_api, f"/accounts/{unit}")
    assert account["arrears"] == "2600.00"
    assert len(sent) <= 5, sent  # accounts, closes, statements, payments, settlements (was 6: the closes twice)
    _each_collection_once(sent)


async def test_the_arrears_read_each_collection_once(counted_api):
    unit, _ = await _unit_in_arrears(counted_api)
    arrears, sent = await _read(counted_api, f"/accounts/{unit}/arrears", on="2026-12-10")
    assert (arrears["contributions"], arrears["late_fees"]) == ("2600.00", "26.00")  # 0.05 % × 20 days
    assert len(sent) <= 6, sent  # … and the fines (was 7)
    _each_collection_once(sent)


async def test_the_deregistration_assessment_does_not_read_the_closes(counted_api):
    unit, _ = await _unit_in_arrears(counted_api)
    assessment, sent = await _read(counted_api, f"/accounts/{unit}/deregistration-assessment", on="2026-12-10")
    assert [(m["period"], m["outstanding"], m["late_fee"]) for m in assessment["months"]] == [
        ("2026-10", "2600.00", "26.00")]
    assert len(sent) <= 5, sent  # accounts, statements, payments, settlements, fines (was 6)
    assert "closes" not in {collection for _, collection in sent}, "what is owed does not depend on the closes"
    _each_collection_once(sent)


async def test_the_unit_summary_reads_what_was_due_and_received_once(counted_api):
    unit, _ = await _unit_in_arrears(counted_api)
    summary, sent = await _read(counted_api, f"/accounts/{unit}/summary/2026")
    assert summary["totals"] == {"payable": "5200.00", "paid": "2600.00", "arrears": "2600.00"}
    assert len(sent) <= 4, sent  # accounts, statements, payments, settlements (was 5)
    _each_collection_once(sent)


async def test_the_persons_yearly_statement_reads_each_collection_once(counted_api):
    unit, rid = await _unit_in_arrears(counted_api)
    mine, sent = await _read(counted_api, f"/accounts/{unit}/members/{rid}/statement/2026")
    assert [(m["period"], m["base"], m["arrived"]) for m in mine["months"]] == [
        ("2026-10", "10000.00", False), ("2026-11", "10000.00", True)]
    assert mine["pension_individual_account_credit"] == "800.00"
    # members, accounts, statements, payments, closes, settlements, base_corrections, bases, rates (was 12: the
    # correction and the base of 2025 too, though only months of 2026's base year are listed, and the average wages,
    # though no month is charged at a floor)
    assert len(sent) <= 9, sent
    _each_collection_once(sent)


async def test_the_account_statements_page_and_its_count_come_from_one_read(counted_api):
    unit, _ = await _unit_in_arrears(counted_api)
    page, sent = await _read(counted_api, f"/accounts/{unit}/statements")
    assert page["total_count"] == 2 and [s["status"] for s in page["items"]] == ["closed", "paid"]
    assert len(sent) <= 5, sent  # accounts, statements, payments, closes, settlements (was 6)
    _each_collection_once(sent)


async def test_a_unit_without_statements_reads_no_facts_of_them(counted_api):
    unit = await counted_api.account("new")
    rid = await counted_api.member(unit, on="2026-11-05")
    summary, sent = await _read(counted_api, f"/accounts/{unit}/summary/2026")
    assert summary["months"] == [] and len(sent) <= 2, sent  # accounts, statements
    assessment, sent = await _read(counted_api, f"/accounts/{unit}/deregistration-assessment")
    assert assessment["total"] == "0.00" and len(sent) <= 3, sent  # accounts, statements, fines
    mine, sent = await _read(counted_api, f"/accounts/{unit}/members/{rid}/statement/2026")
    assert mine["months"] == [] and len(sent) <= 3, sent  # members, accounts, statements: no month, no base read


async def test_a_short_page_of_dunning_notices_counts_itself(counted_api):
    unit = await counted_api.account("dunned")
    await counted_api.member(unit, on="2026-10-10")
    assert (await counted_api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})).status_code == 200
    counted_api.clock.today = date(2026, 12, 4)
    failed = await counted_api.post("/cycles/2026-11/debit-results", content=f"employer_id,amount\n{unit},0\n".encode(),
                                    headers={"content-type": "text/csv"})
    assert failed.json()["dunned"] == [unit], failed.text
    page, sent = await _read(counted_api, f"/accounts/{unit}/dunning-notices")
    assert page["total_count"] == 1 and len(page["items"]) == 1
    assert len(sent) <= 1, sent  # the page's own read (was 2: and a count)
    beyond, sent = await _read(counted_api, f"/accounts/{unit}/dunning-notices", page=2)
    assert (beyond["total_count"], beyond["items"]) == (1, []) and len(sent) == 2, sent  # an empty page counts
