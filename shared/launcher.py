"""`cppcc run`: the embedded default — nats-server plus the four services as processes.

Supervises its children: a process that dies is restarted (nats-server on the same port
and data directory), and Ctrl-C / SIGTERM stops everything cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from shared.natsserver import EmbeddedNats
from shared.settings import DEFAULT_PORTS

#: Seconds `cppcc run` waits for the services to become healthy (CPPCC_START_TIMEOUT).
DEFAULT_START_TIMEOUT = 300.0


@dataclass
class Child:
    name: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Launcher:
    data_dir: Path
    secret: str
    services: list[str]
    external_nats: str | None = None
    nats: EmbeddedNats | None = None
    children: list[Child] = field(default_factory=list)
    _stopping: bool = False

    def nats_url(self) -> str:
        if self.external_nats:
            return self.external_nats
        assert self.nats is not None
        return self.nats.url

    def start_nats(self) -> None:
        if self.external_nats:
            return
        port = int(os.environ.get("NATS_PORT", "0"))
        self.nats = EmbeddedNats(self.data_dir / "nats", port=port)
        self.nats.start()

    def service_env(self, child: Child) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "SERVICE_NAME": child.name,
                "NATS_URL": self.nats_url(),
                "AUTH_SECRET": self.secret,
                "DATA_DIR": str(self.data_dir),
                "HTTP_PORT": str(child.port),
                "HTTP_HOST": os.environ.get("HTTP_HOST", "127.0.0.1"),
            }
        )
        return env

    def spawn(self, child: Child) -> None:
        child.process = subprocess.Popen(
            [sys.executable, "-m", f"services.{child.name}"], env=self.service_env(child)
        )

    def start(self) -> None:
        timeout = start_timeout()  # a mistake in it is reported before anything starts
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.start_nats()
        for name in self.services:
            port = int(os.environ.get(f"{name.upper()}_HTTP_PORT", DEFAULT_PORTS[name]))
            child = Child(name, port)
            self.children.append(child)
            self.spawn(child)
        self.write_state()
        self.wait_healthy(timeout)

    def write_state(self) -> None:
        state = {
            "nats_url": self.nats_url(),
            "nats_pid": self.nats.process.pid if self.nats and self.nats.process else None,
            "services": {
                c.name: {"url": c.url, "pid": c.process.pid if c.process else None}
                for c in self.children
            },
            "launcher_pid": os.getpid(),
        }
        (self.data_dir / "run.json").write_text(json.dumps(state, indent=2))

    def wait_healthy(
        self, timeout: float = DEFAULT_START_TIMEOUT, notice_after: float = 10.0
    ) -> None:
        """Until every service answers /healthz. A service that exits fails the start at
        once; one that is still starting (a rebuild of a changed read model, ADR 0015) is
        waited for up to `timeout` seconds, with a notice after `notice_after`."""
        started = time.monotonic()
        deadline = started + timeout
        pending = list(self.children)
        noticed = False
        while pending and time.monotonic() < deadline:
            for child in list(pending):
                if _healthy(child.url):
                    pending.remove(child)
                elif child.process is not None and child.process.poll() is not None:
                    raise RuntimeError(f"service {child.name} exited during start-up")
            if pending and not noticed and time.monotonic() - started >= notice_after:
                names = "、".join(c.name for c in pending)
                print(
                    f"仍在等待 {names} 启动（读模型有变化时会先重建）… / still starting: {names}",
                    flush=True,
                )
                noticed = True
            time.sleep(0.1)
        if pending:
            raise RuntimeError(f"not healthy after {timeout:g}s: {[c.name for c in pending]}")

    def banner(self) -> str:
        lines = [
            "",
            "县政协履职系统已启动 / CPPCC system running:",
            f"  NATS            {self.nats_url()}",
        ]
        for child in self.children:
            lines.append(f"  {child.name:<15} {child.url}   (API 文档 {child.url}/docs)")
        lines += [
            "",
            "签发令牌 / mint a token:  .venv/bin/cppcc token --subject admin --role county_admin",
            "停止 / stop: Ctrl-C",
            "",
        ]
        return "\n".join(lines)

    def supervise_once(self) -> None:
        if (
            self.nats is not None
            and self.nats.process is not None
            and self.nats.process.poll() is not None
        ):
            print(
                f"nats-server exited ({self.nats.process.returncode}); restarting",
                file=sys.stderr,
                flush=True,
            )
            self.nats.start()
            self.write_state()
        for child in self.children:
            if child.process is not None and child.process.poll() is not None:
                child.restarts += 1
                print(
                    f"service {child.name} exited ({child.process.returncode}); restarting",
                    file=sys.stderr,
                    flush=True,
                )
                time.sleep(min(0.5 * child.restarts, 5.0))
                self.spawn(child)
                self.write_state()

    def stop(self) -> None:
        self._stopping = True
        for child in self.children:
            if child.process is not None and child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        for child in self.children:
            if child.process is not None:
                try:
                    child.process.wait(15)
                except subprocess.TimeoutExpired:
                    child.process.kill()
                    child.process.wait()
        if self.nats is not None:
            self.nats.stop()
        state = self.data_dir / "run.json"
        if state.exists():
            state.unlink()

    def run_forever(self) -> int:
        def _terminate(signum: int, _frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _terminate)
        try:
            self.start()
            print(self.banner(), flush=True)
            while True:
                self.supervise_once()
                time.sleep(0.2)
        except KeyboardInterrupt:
            print("\n正在停止… / stopping…", flush=True)
            return 0
        except RuntimeError as exc:
            print(f"启动失败 / failed to start: {exc}", file=sys.stderr, flush=True)
            return 1
        finally:
            self.stop()


def start_timeout() -> float:
    """CPPCC_START_TIMEOUT, or the default; a RuntimeError that says what to fix if it is
    not a positive number."""
    raw = os.environ.get("CPPCC_START_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_START_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise RuntimeError(
            f"CPPCC_START_TIMEOUT 应为正数（秒），现在是 {raw!r}"
            " / must be a positive number of seconds"
        )
    return value


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=0.5) as response:
            return bool(response.status == 200)
    except OSError:
        return False
