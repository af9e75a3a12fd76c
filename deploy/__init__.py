"""Deployment helpers: local supervisor and scripts (deploy/local), container build (deploy/Dockerfile)."""
