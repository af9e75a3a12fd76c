"""Mongo repositories (the only place with queries), HTTP routes, event translators."""
