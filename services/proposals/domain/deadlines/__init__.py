"""Deadline reminders of handling tasks and the automatic evaluation lapse (DOMAIN §2.6.1,
§2.7, §8.2): which thresholds were recorded lives on the proposal aggregate, so each
reminder is recorded exactly once however many timers run (docs/decisions/0012).

Modules: `events` (registered in the proposal registry), `fold`, `config`, `rules`,
`commands`, `decide`. This package imports nothing at load time: `state.py` imports
`fold`, and `decide` imports `state` (through the lifecycle rules).
"""
