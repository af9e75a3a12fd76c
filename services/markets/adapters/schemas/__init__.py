"""API shapes, separate from the domain and from the stored documents: requests (`…In`, with their mapping to
domain values) and responses (`…Out`, built from the domain with `of`)."""
