"""`cppcc run` waits for slow starts (a read-model rebuild) and says so; bad settings are
reported before anything starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shared.launcher import DEFAULT_START_TIMEOUT, Child, Launcher, start_timeout
from shared.natsserver import free_port


def test_start_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CPPCC_START_TIMEOUT", raising=False)
    assert start_timeout() == DEFAULT_START_TIMEOUT
    monkeypatch.setenv("CPPCC_START_TIMEOUT", "45")
    assert start_timeout() == 45.0
    for bad in ("0", "-3", "five", "nan"):
        monkeypatch.setenv("CPPCC_START_TIMEOUT", bad)
        with pytest.raises(RuntimeError, match="CPPCC_START_TIMEOUT 应为正数"):
            start_timeout()


def test_a_bad_start_timeout_stops_the_launcher_before_it_starts_anything(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CPPCC_START_TIMEOUT", "soon")
    launcher = Launcher(tmp_path / "data", "secret", ["members"])
    with pytest.raises(RuntimeError, match="CPPCC_START_TIMEOUT"):
        launcher.start()
    assert launcher.nats is None and not launcher.children
    assert not (tmp_path / "data").exists()


def test_a_service_still_starting_is_waited_for_with_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A process that lives but never answers /healthz: waited for, announced, then given up.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        launcher = Launcher(tmp_path, "secret", ["members"])
        launcher.children.append(Child("members", free_port(), sleeper))
        with pytest.raises(RuntimeError, match=r"not healthy after 1\.5s"):
            launcher.wait_healthy(timeout=1.5, notice_after=0.5)
        assert "仍在等待 members 启动" in capsys.readouterr().out
    finally:
        sleeper.kill()
        sleeper.wait()
    # One that exits fails the start at once.
    quitter = subprocess.Popen([sys.executable, "-c", "pass"])
    quitter.wait()
    launcher = Launcher(tmp_path, "secret", ["members"])
    launcher.children.append(Child("members", free_port(), quitter))
    with pytest.raises(RuntimeError, match="exited during start-up"):
        launcher.wait_healthy(timeout=30)
