"""insurance — social-insurance contribution collection (社会保险基金征缴): accounts, persons, bases, arrears."""
