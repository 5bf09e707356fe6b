"""Load the county's deadline-timer and escalation settings at the edge: the `[deadlines]`
and `[escalation]` tables of the TOML file named by `PROPOSALS_CONFIG` (absent file or
table = the documented defaults, docs/decisions/0012-deadline-timers.md).

Example::

    [deadlines]
    approaching_days = [10, 3]
    day_unit = "working"
    scan_interval_seconds = 300

    [escalation]
    proposal_category = "society"
    term_no = 10
    session_no = 4
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from services.proposals.domain.deadlines.config import DEFAULT_DEADLINES, DeadlineConfig
from services.proposals.domain.escalation import DEFAULT_ESCALATION, EscalationConfig
from shared.service import ServiceRuntime

ENV_VAR = "PROPOSALS_CONFIG"
DEADLINES_KEY = "proposals.deadline_config"
ESCALATION_KEY = "proposals.escalation_config"


def _table(name: str, path: str | Path | None) -> dict[str, Any] | None:
    chosen = path if path is not None else os.environ.get(ENV_VAR)
    if not chosen:
        return None
    with Path(chosen).open("rb") as handle:
        data = tomllib.load(handle)
    table: dict[str, Any] = data.get(name, {})
    return table


def load_deadline_config(path: str | Path | None = None) -> DeadlineConfig:
    table = _table("deadlines", path)
    return DEFAULT_DEADLINES if table is None else DeadlineConfig.model_validate(table)


def load_escalation_config(path: str | Path | None = None) -> EscalationConfig:
    table = _table("escalation", path)
    return DEFAULT_ESCALATION if table is None else EscalationConfig.model_validate(table)


def deadline_config(rt: ServiceRuntime) -> DeadlineConfig:
    """The settings of this running service (loaded once; tests may set them)."""
    config = rt.extras.get(DEADLINES_KEY)
    if not isinstance(config, DeadlineConfig):
        config = load_deadline_config()
        rt.extras[DEADLINES_KEY] = config
    return config
