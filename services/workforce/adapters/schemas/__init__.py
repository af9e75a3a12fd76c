"""API shapes, one module per resource, separate from the domain and from the stored documents."""
