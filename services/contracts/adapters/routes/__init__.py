"""HTTP → command → one application call, one module per resource."""
from services.contracts.adapters.routes import applications, contracts, tax_notifications

ROUTERS = (applications.router, contracts.router, tax_notifications.router)
