"""Contracts' own settings section (`CIVIC_CONTRACTS_*`), read once by bootstrap.

None yet: the 认定登记 rules' numbers (the 30-day decision, the sign-off thresholds of 1 M and 20 M yuan, the
reward caps and fees) are fixed by the regulation, not left to the deployment, so they stay in the domain."""
from __future__ import annotations

from shared.config import Section


class ContractsSettings(Section):
    model_config = Section.model_config | {"env_prefix": "CIVIC_CONTRACTS_"}
