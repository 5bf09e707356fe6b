"""Loading the duty-activity settings at the edge: the `[activities]` table of the TOML file
named by `MEMBERS_CONFIG` (absent variable or table → documented defaults)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from services.members.domain.activities.config import DEFAULT_CONFIG, ActivitiesConfig
from shared.service import ServiceRuntime

ENV_VAR = "MEMBERS_CONFIG"
SECTION = "activities"
EXTRAS_KEY = "activities_config"


class ConfigError(RuntimeError):
    """The configuration file is missing or wrong (an operator error, in English)."""


def load_activities_config(environ: Mapping[str, str] | None = None) -> ActivitiesConfig:
    env = os.environ if environ is None else environ
    path = env.get(ENV_VAR)
    if not path:
        return DEFAULT_CONFIG
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{ENV_VAR}={path}: cannot read TOML ({exc})") from exc
    section = data.get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{ENV_VAR}={path}: [{SECTION}] must be a table")
    try:
        return ActivitiesConfig.model_validate(section)
    except ValueError as exc:
        raise ConfigError(f"{ENV_VAR}={path}: invalid [{SECTION}] settings: {exc}") from exc


def activities_config(rt: ServiceRuntime) -> ActivitiesConfig:
    """The runtime's settings, loaded once (tests may put their own under EXTRAS_KEY)."""
    config = rt.extras.get(EXTRAS_KEY)
    if not isinstance(config, ActivitiesConfig):
        config = load_activities_config()
        rt.extras[EXTRAS_KEY] = config
    return config
