"""Plumbing shared by every app (issue 12: as healthchecks' hc/lib): small, with no models, importing nothing of the
apps above it."""
