"""The five Civic Mesh services. None imports another; they share `shared/` and the event catalog only."""
