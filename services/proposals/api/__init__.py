"""HTTP API of the proposals service."""
