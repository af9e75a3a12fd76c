"""City-wide operations as jobs (docs/api.md, "City-wide operations"): the record and its transitions (`model`),
the progress port (`progress`), the store, the runner, the routes every service includes and the CLI helper."""
from shared.jobs.progress import NO_PROGRESS, NoProgress, Progress

__all__ = ["NO_PROGRESS", "NoProgress", "Progress"]
