"""Ctrl-C in the terminal stops the whole system cleanly.

The terminal sends SIGINT to every process of the foreground group: the launcher and the
services. The NATS server must not get it (it would go first, and the services would
log connection errors while they shut down): the launcher stops it after them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from shared.natsserver import free_port


def _default_sigint() -> None:
    # A terminal's processes have SIGINT's default action; a test runner started in the
    # background may have it ignored, and children inherit that.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_to_the_process_group_stops_everything_without_errors(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "DATA_DIR": str(data_dir)}
    env.pop("NATS_URL", None)
    ports = {
        name: free_port() for name in ("members", "proposals", "consultation", "notifications")
    }
    for name, port in ports.items():
        env[f"{name.upper()}_HTTP_PORT"] = str(port)
    log_path = tmp_path / "launcher.log"
    with open(log_path, "wb") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "shared.cli", "run"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the "terminal" of this test
            preexec_fn=_default_sigint,
        )
        try:
            deadline = time.monotonic() + 90
            pending = set(ports)
            while pending and time.monotonic() < deadline:
                assert launcher.poll() is None, log_path.read_text(errors="replace")[-3000:]
                for name in list(pending):
                    try:
                        url = f"http://127.0.0.1:{ports[name]}/readyz"
                        if httpx.get(url, timeout=1).status_code == 200:
                            pending.discard(name)
                    except httpx.HTTPError:
                        pass
                time.sleep(0.2)
            assert not pending, f"not ready: {sorted(pending)}"
            state = json.loads((data_dir / "run.json").read_text())
            pids = [state["nats_pid"], *(s["pid"] for s in state["services"].values())]

            os.killpg(launcher.pid, signal.SIGINT)  # Ctrl-C
            launcher.wait(60)
        finally:
            if launcher.poll() is None:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
    output = log_path.read_text(errors="replace")
    assert "正在停止" in output
    assert "Traceback" not in output, output[-4000:]
    assert "nats: encountered error" not in output, output[-4000:]
    assert not [pid for pid in pids if _pid_alive(pid)]  # the server and every service
    for port in ports.values():  # nothing listens any more
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
        except httpx.HTTPError:
            continue
        raise AssertionError(f"port {port} still answers after Ctrl-C")
