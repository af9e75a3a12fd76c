"""Back-payments (补缴): filed with exact amounts from each month's base and rates, then received or cancelled."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from services.insurance.application.accounts import existing_account
from services.insurance.application.bases import effective_policy
from services.insurance.application.changes import change_named, unknown
from services.insurance.application.ports import Accounts, BackPayments, Bases, Members, RateTables
from services.insurance.domain import back_payment as rules
from services.insurance.domain.back_payment import BackPayment, BackPaymentStatus, MonthFacts
from services.insurance.domain.calendar import Period
from services.insurance.domain.cycle import base_year
from services.insurance.domain.rates import CollectionPolicy, rates_for_month
from services.insurance.domain.repayment import PaymentChannel


async def file_back_payment(accounts: Accounts, members: Members, bases: Bases, rates: RateTables,
                            back_payments: BackPayments, policy: CollectionPolicy, employer_id: str,
                            wanted: list[tuple[str, str]], amount: Decimal, paid_on: date,
                            channel: PaymentChannel) -> BackPayment:
    account = await existing_account(accounts, employer_id)
    facts = await _month_facts(bases, rates, policy, wanted)
    insured = {m.resident_id for m in await members.of_employer(employer_id)}
    already = {(i.period, i.resident_id) for b in await back_payments.of_employer(employer_id)
               if b.status is not BackPaymentStatus.CANCELLED for i in b.items}
    back_payment = rules.file_back_payment(str(uuid.uuid4()), employer_id, wanted, amount, paid_on, channel, facts,
                                           insured, already, account.industry_class, policy.late_fee_daily)
    await back_payments.add(back_payment)
    return back_payment


async def _month_facts(bases: Bases, rates: RateTables, policy: CollectionPolicy,
                       wanted: list[tuple[str, str]]) -> dict[tuple[str, str], MonthFacts]:
    """Each month's rate table and the person's base of that base year (the year's floor without one, as the
    statements do)."""
    tables, policy = await rates.all(), await effective_policy(bases, policy)
    facts = {}
    for period, rid in set(wanted):
        year = base_year(Period.parse(period))
        base = await bases.base_of(year, rid) or policy.bounds_for(year).floor
        facts[(period, rid)] = MonthFacts(base, rates_for_month(tables, Period.parse(period).day(1)))
    return facts


async def conclude_back_payment(back_payments: BackPayments, employer_id: str, back_payment_id: str,
                                received: bool) -> BackPayment:
    """Received, or cancelled by a failed debit or a bounced cheque (the unit files it again)."""
    def decide(back_payment: BackPayment):
        if back_payment.employer_id != employer_id:
            raise unknown("back_payment_id", "unknown-back-payment",
                          f"no back-payment {back_payment_id} for employer {employer_id}")
        return rules.conclude(back_payment, received), []

    return await change_named(back_payments, back_payment_id, decide, what="back-payment",
                              field="back_payment_id", rule="unknown-back-payment")
