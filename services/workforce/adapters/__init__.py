"""Repositories (the only place with queries), HTTP routes with their schemas, translators of HTTP values."""
