"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass

from services.insurance.adapters.repositories.accounts import AccountRepository
from services.insurance.adapters.repositories.back_payments import BackPaymentRepository
from services.insurance.adapters.repositories.bases import BaseRepository
from services.insurance.adapters.repositories.cycle import ClosingBatches, StepClaims
from services.insurance.adapters.repositories.fines import FineRepository
from services.insurance.adapters.repositories.members import MemberRepository
from services.insurance.adapters.repositories.rates import RateRepository
from services.insurance.adapters.repositories.repayments import RepaymentRepository
from services.insurance.adapters.repositories.statements import StatementRepository
from services.insurance.adapters.repositories.transfers import TransferDocumentRepository
from services.insurance.application.cycle import MonthlyCycle
from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.rates import CollectionPolicy
from services.insurance.settings import InsuranceSettings
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.wiring import dependencies_of, event_handlers


@dataclass(kw_only=True)
class Container:
    runtime: ServiceRuntime
    today: Today
    policy: CollectionPolicy
    accounts: AccountRepository
    members: MemberRepository
    bases: BaseRepository
    statements: StatementRepository
    steps: StepClaims
    closings: ClosingBatches
    repayments: RepaymentRepository
    rates: RateRepository
    fines: FineRepository
    back_payments: BackPaymentRepository
    transfer_documents: TransferDocumentRepository
    cycle: MonthlyCycle

    async def init_db(self) -> None:
        """Accounts are keyed by employer id (and indexed by their listing's filters); members by resident ID; the
        rest get their lookup indexes."""
        for repository in (self.accounts, self.members, self.bases, self.statements, self.fines, self.back_payments,
                           self.transfer_documents):
            await repository.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              insurance: InsuranceSettings | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("insurance"))
    db, policy = runtime.db, (insurance or InsuranceSettings()).policy()
    accounts, members = AccountRepository(runtime.store("accounts")), MemberRepository(runtime.store("members"))
    bases, statements, steps = BaseRepository(db), StatementRepository(db), StepClaims(db)
    closings, rates = ClosingBatches(runtime.store("closings")), RateRepository(runtime.store("rates"))
    container = Container(
        runtime=runtime, today=today, policy=policy, accounts=accounts, members=members, bases=bases,
        statements=statements, steps=steps, closings=closings, rates=rates,
        repayments=RepaymentRepository(runtime.store("repayments")), fines=FineRepository(runtime.store("fines")),
        back_payments=BackPaymentRepository(runtime.store("back_payments")),
        transfer_documents=TransferDocumentRepository(runtime.store("transfer_documents")),
        cycle=MonthlyCycle(accounts=accounts, members=members, bases=bases, statements=statements, steps=steps,
                           closings=closings, policy=policy, rates=rates))
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, dependencies_of(container), service="insurance"))
    return container
