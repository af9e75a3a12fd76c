"""contracts — technology-contract certification and registration (技术合同认定登记)."""
