"""registry — master data: employers' social-insurance registration (社会保险登记), communities, stations."""
