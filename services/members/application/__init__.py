"""Application layer of the members service: load → decide → append."""
