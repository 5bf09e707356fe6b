"""Benchmark suite: `python -m bench` (or `make bench`); `python -m bench --quick` for a smoke run.

Every row runs against a fresh embedded nats-server (JetStream, `sync_interval: always`, file
storage, temp dir) with fresh streams made by `shared.streams.ensure_stream`, i.e. the exact
configuration the services use. It prints one markdown table; see docs/benchmarks.md.
Not a test: nothing here asserts; targets are reported as met or missed.
"""
