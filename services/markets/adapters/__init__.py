"""Mongo repositories (the only place with queries), HTTP routes and their schemas, the bulk imports' parsing."""
