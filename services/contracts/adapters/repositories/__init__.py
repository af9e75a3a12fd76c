"""The aggregate repositories (`shared.repository.AggregateRepository` with a codec), the only place with queries."""
from services.contracts.adapters.repositories.contracts import ContractRepository
from services.contracts.adapters.repositories.tax_notifications import TaxNotificationRepository
from services.contracts.adapters.repositories.units import UnitRepository

__all__ = ["ContractRepository", "TaxNotificationRepository", "UnitRepository"]
