"""HTTP API of the consultation service."""
