"""Repayment records (还款表), one document each."""
from __future__ import annotations

from dataclasses import dataclass

from services.insurance.domain.repayment import Repayment
from shared.repository import AggregateRepository, Codec


@dataclass
class RepaymentRepository(AggregateRepository[Repayment]):
    codec: Codec[Repayment] = Codec.of(Repayment)
    what: str = "repayment"
