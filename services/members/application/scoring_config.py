"""Loading the scoring rule sets at the edge: the `[scoring]` table of the TOML file named by
`MEMBERS_CONFIG` (`[scoring.<year>]`, optionally `[scoring.default]`); absent variable or
table → the documented default (docs/decisions/0010-member-scoring.md)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from services.members.application.activities_config import ConfigError
from services.members.scoring import ScoringConfig, build_config
from shared.service import ServiceRuntime

ENV_VAR = "MEMBERS_CONFIG"
SECTION = "scoring"
EXTRAS_KEY = "scoring_config"


def load_scoring_config(environ: Mapping[str, str] | None = None) -> ScoringConfig:
    env = os.environ if environ is None else environ
    path = env.get(ENV_VAR)
    if not path:
        return ScoringConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{ENV_VAR}={path}: cannot read TOML ({exc})") from exc
    section = data.get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{ENV_VAR}={path}: [{SECTION}] must be a table")
    try:
        return build_config(section)
    except ValueError as exc:
        raise ConfigError(f"{ENV_VAR}={path}: invalid [{SECTION}] settings: {exc}") from exc


def scoring_config(rt: ServiceRuntime) -> ScoringConfig:
    """The runtime's rule sets, loaded once (tests may put their own under EXTRAS_KEY)."""
    config = rt.extras.get(EXTRAS_KEY)
    if not isinstance(config, ScoringConfig):
        config = load_scoring_config()
        rt.extras[EXTRAS_KEY] = config
    return config
