"""gateway — the single entry for portals and department systems: routing, health, (later) identity and audit."""
