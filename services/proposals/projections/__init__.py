"""Read models of the proposals service."""
