"""The monthly cycle's use cases: bulk read → pure decision over the batch → bulk write. Each takes its date.

The statements and the close run as jobs (`adapters/routes/jobs.py`) and report their progress in written chunks.
Re-running one that was interrupted is safe: the step's claim belongs to the job (`run_id`) and lets that job in
again; every record is keyed by month and account (`<month>:<account>`, closing batches by month and number) and an
existing one is left as it is; the decision is recomputed from what the step does not change (the month's
statements and payments, the previous month's closes), so the re-run writes the same records and returns the same
result."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.insurance.application.accounts import ACCOUNT
from services.insurance.application.bases import effective_policy
from services.insurance.application.ports import (
    Accounts, Bases, Closings, DunningNotices, Members, RateTables, Statements, Steps)
from services.insurance.domain import account as account_rules
from services.insurance.domain import cycle as rules
from services.insurance.domain.calendar import Period, statement_deadline
from services.insurance.domain.dunning import DunningNotice, not_arrived
from services.insurance.domain.rates import CollectionPolicy, rates_for_month
from services.insurance.domain.statement import Statement
from services.insurance.domain.refusals import COLLECTION_DAYS, broken
from shared.jobs.progress import NO_PROGRESS, Progress
from shared.usecase import change, without_events

CHUNK = 1000
"""Records written per round trip, and the unit of progress reported."""


@dataclass(kw_only=True)
class MonthlyCycle:
    accounts: Accounts
    members: Members
    bases: Bases
    statements: Statements
    steps: Steps
    closings: Closings
    policy: CollectionPolicy
    rates: RateTables
    dunning: DunningNotices

    async def generate_statements(self, period: Period, on: date, progress: Progress = NO_PROGRESS,
                                  run_id: str | None = None) -> int:
        """月报 for every open account in statement mode; `progress` counts the statements written."""
        rules.require_statement_day(period, on)

        async def run() -> int:
            accounts = await self.accounts.all_open()
            members = await self.members.joined_by(statement_deadline(period))
            bases = await self.bases.bases(rules.base_year(period))
            policy = await effective_policy(self.bases, self.policy)
            rates = rates_for_month(await self.rates.all(), period.day(1))
            made = rules.statements_for(accounts, members, bases, period, rates, policy)
            await _in_chunks(made, self.statements.add_statements, progress)
            return len(made)

        return await self._once(f"{period}:statements", on, run, run_id)

    async def debit_file(self, period: Period, on: date) -> list[tuple[str, Decimal]]:
        """The bank's debit file, on its days (the 1st/2nd, re-debits from the 4th to the 20th)."""
        rules.require_debit_file_day(period, on)
        await self._require(period, "statements")
        return rules.debit_rows(await self.accounts.all_open(), await self.statements.before_close(str(period)))

    async def record_debit_results(self, period: Period, batch: str, rows: list[dict], on: date,
                                   rows_field: str | None = None) -> tuple[list[Statement], list[DunningNotice]]:
        """The bank's results, from the 4th to the 20th; then every bank-debit unit whose money has not arrived is
        dunned (a notice per unit and import), before the month closes. Re-applying the same batch is refused;
        a run that failed after the payments were written writes the same notices again (they are write-once)."""
        rules.require_results_day(period, on)
        applied = await self.record_payments(period, f"debit-{batch}", rows, on, rows_field)
        notices = not_arrived(await self.accounts.all_open(), await self.statements.before_close(str(period)),
                              period, on, batch)
        await self.dunning.add(notices)
        return applied, notices

    async def record_payments(self, period: Period, batch: str, rows: list[dict], on: date,
                              rows_field: str | None = None) -> list[Statement]:
        """Debit results (a bank file) or cash/cheque receipts; each batch id is applied once. A bad row is named
        by its CSV line, or by its place in the JSON body's `rows_field`."""
        rules.require_collection_day(period, on)
        await self._require(period, "statements")
        statements = await self.statements.before_close(str(period))
        amounts = rules.parse_amounts(rows, statements, rows_field)

        async def run() -> list[Statement]:
            await self.statements.add_payments(str(period), batch, amounts)
            return rules.apply_amounts(statements, amounts)

        return await self._once(f"{period}:payments:{batch}", on, run)

    async def close(self, period: Period, on: date, progress: Progress = NO_PROGRESS,
                    run_id: str | None = None) -> rules.Closing:
        """Month end: what has not arrived becomes arrears; `progress` counts the statements closed."""
        rules.require_close_day(period, on)
        await self._require(period, "statements")
        prior = period.previous()
        if await self.steps.done(f"{prior}:statements") and not await self.steps.done(f"{prior}:close"):
            message = f"close {prior} before {period}"
            raise rules.StepOutOfOrder(message, errors=broken("period", "close-in-order", message,
                                                              article=COLLECTION_DAYS, first=str(prior)))

        async def run() -> rules.Closing:
            current = await self.statements.before_close(str(period))
            streaks = await self.statements.unpaid_streaks(str(prior)) if await self.steps.done(f"{prior}:close") \
                else {}
            closing = rules.close_month(current, streaks, on, self.policy)
            await _in_chunks(closing.statements, self.statements.add_closes, progress)
            await self.closings.save(str(period), closing.events)
            for employer_id in closing.to_switch:
                await self._switch(employer_id)
            return closing

        return await self._once(f"{period}:close", on, run, run_id)

    async def _switch(self, employer_id: str) -> None:
        await change(self.accounts, employer_id, without_events(account_rules.switch_to_declaration), what=ACCOUNT)

    async def _require(self, period: Period, step: str) -> None:
        if not await self.steps.done(f"{period}:{step}"):
            message = f"run {step} of {period} first"
            raise rules.StepOutOfOrder(message, errors=broken("period", f"{step}-first", message))

    async def _once(self, key: str, on: date, run: Callable[[], Awaitable], run_id: str | None = None):
        """Claim the step's unique key; if it fails before its bulk write, release the claim (a job stopped mid-way
        keeps it: its next runner claims it again with the same `run_id`)."""
        await self.steps.claim(key, on, run_id)
        try:
            return await run()
        except Exception:
            await self.steps.release(key)
            raise



async def _in_chunks(items: list, write: Callable[[list], Awaitable[None]], progress: Progress) -> None:
    await progress.begin(len(items))
    for i in range(0, len(items), CHUNK):
        await write(items[i:i + CHUNK])
        await progress.advance(len(items[i:i + CHUNK]))
