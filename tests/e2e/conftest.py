"""The whole system as `make run` starts it: `cppcc run` in a temp data dir, free ports."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.auth import mint
from shared.natsserver import free_port


@dataclass
class System:
    data_dir: Path
    process: subprocess.Popen[bytes]
    urls: dict[str, str]
    secret: str

    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.data_dir / "run.json").read_text())
        return data

    @property
    def nats_url(self) -> str:
        return str(self.state()["nats_url"])

    def token(self, subject: str, *roles: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint(self.secret, subject, roles)}"}

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DATA_DIR": str(self.data_dir)}
        env.pop("NATS_URL", None)
        return subprocess.run(
            [sys.executable, "-m", "shared.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    data_dir = tmp_path_factory.mktemp("system") / "data"
    env = {**os.environ, "DATA_DIR": str(data_dir)}
    env.pop("NATS_URL", None)
    env.pop("AUTH_SECRET", None)
    ports = {
        name: free_port() for name in ("members", "proposals", "consultation", "notifications")
    }
    for name, port in ports.items():
        env[f"{name.upper()}_HTTP_PORT"] = str(port)
    log = open(data_dir.parent / "launcher.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "shared.cli", "run"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        _wait_ready(process, urls, data_dir)
        secret = (data_dir / "auth_secret").read_text().strip()
        yield System(data_dir, process, urls, secret)
    finally:
        stop_system(process, data_dir)
        log.close()


def stop_system(process: subprocess.Popen[bytes], data_dir: Path) -> None:
    """Stop `cppcc run` as an operator would, and make sure nothing it started outlives it.

    SIGTERM, not SIGINT: a test run started in the background has SIGINT ignored, and the
    launcher inherits that. If the launcher does not finish in time, its process group
    (the services) and the NATS server (its own session) are killed."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
        return
    except subprocess.TimeoutExpired:
        pass
    pids: list[int] = []
    state = data_dir / "run.json"
    if state.exists():
        data = json.loads(state.read_text())
        pids = [data.get("nats_pid"), *(s.get("pid") for s in data["services"].values())]
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    for pid in pids:
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    process.wait()


def _wait_ready(
    process: subprocess.Popen[bytes], urls: dict[str, str], data_dir: Path, timeout: float = 90.0
) -> None:
    deadline = time.monotonic() + timeout
    pending = dict(urls)
    while pending and time.monotonic() < deadline:
        if process.poll() is not None:
            log = (data_dir.parent / "launcher.log").read_text(errors="replace")
            raise RuntimeError(f"cppcc run exited early:\n{log[-4000:]}")
        for name, url in list(pending.items()):
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    pending.pop(name)
            except httpx.HTTPError:
                pass
        time.sleep(0.1)
    if pending:
        raise RuntimeError(f"services not ready: {sorted(pending)}")
