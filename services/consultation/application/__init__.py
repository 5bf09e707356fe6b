"""Application layer of the consultation service: load → decide → append."""
