"""Application layer of the notifications service: command handlers and reactions."""
