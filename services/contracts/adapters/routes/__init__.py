"""HTTP → command → one application call, one module per resource."""
from services.contracts.adapters.routes import applications, contracts

ROUTERS = (applications.router, contracts.router)
