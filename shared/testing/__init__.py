"""Helpers for the project's tests: a real nats-server and real databases."""
