"""HTTP API of the members service."""
