"""The embedded nats-server picks another port when the one it chose was taken meanwhile."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from shared import natsserver
from shared.natsserver import EmbeddedNats


def test_a_port_taken_between_choosing_and_binding_is_chosen_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))  # bound, not listening: like a client's local port
        busy = int(taken.getsockname()[1])
        real_free_port = natsserver.free_port
        answers = iter([busy])  # the first pick loses the race, later picks are real

        def racing_free_port() -> int:
            return next(answers, None) or real_free_port()

        monkeypatch.setattr(natsserver, "free_port", racing_free_port)
        server = EmbeddedNats(tmp_path / "nats")
        server.start()
        try:
            assert server.port != busy
            with socket.create_connection(("127.0.0.1", server.port), timeout=2) as conn:
                assert conn.recv(4).startswith(b"INFO")
        finally:
            server.stop()


def test_a_fixed_port_that_is_taken_is_an_error_not_a_silent_move(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        server = EmbeddedNats(tmp_path / "nats", port=int(taken.getsockname()[1]))
        with pytest.raises(RuntimeError, match="nats-server exited"):
            server.start(timeout=5)
