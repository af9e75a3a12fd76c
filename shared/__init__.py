"""What every Civic Mesh service shares: config, errors, health, telemetry, the Mongo client,
the bus (publisher, consumer, inbox), the outbox relay, and the event catalog (`shared.events`)."""
