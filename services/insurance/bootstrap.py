"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass, field

from services.insurance.adapters.cycle_repository import ClosingBatches, StatementRepository, StepClaims
from services.insurance.adapters.fines_repository import BackPaymentRepository, FineRepository
from services.insurance.adapters.members_repository import BaseRepository, MemberRepository
from services.insurance.adapters.repayments_repository import RepaymentRepository
from services.insurance.adapters.rates_repository import RateRepository
from services.insurance.adapters.repository import AccountRepository
from services.insurance.application.cycle import MonthlyCycle
from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.rates import CollectionPolicy
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.wiring import event_handlers


@dataclass
class Container:
    runtime: ServiceRuntime
    accounts: AccountRepository
    today: Today
    members: MemberRepository
    bases: BaseRepository
    statements: StatementRepository
    steps: StepClaims
    closings: ClosingBatches
    repayments: RepaymentRepository
    policy: CollectionPolicy
    rates: RateRepository
    fines: FineRepository
    back_payments: BackPaymentRepository
    cycle: MonthlyCycle = field(init=False)

    def __post_init__(self) -> None:
        self.cycle = MonthlyCycle(self.accounts, self.members, self.bases, self.statements, self.steps,
                                  self.closings, self.policy, self.rates)

    async def init_db(self) -> None:
        """Accounts are keyed by employer id; members by resident ID; the rest get their lookup indexes."""
        for repository in (self.members, self.bases, self.statements, self.fines, self.back_payments):
            await repository.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              policy: CollectionPolicy | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("insurance"))
    db = runtime.db
    container = Container(runtime, AccountRepository(runtime.store("accounts")), today,
                          MemberRepository(db, runtime.locks), BaseRepository(db), StatementRepository(db),
                          StepClaims(db), ClosingBatches(runtime.store("closings")), RepaymentRepository(db),
                          policy or CollectionPolicy(), RateRepository(db), FineRepository(db),
                          BackPaymentRepository(db))
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
