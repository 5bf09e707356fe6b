"""Load the county's artifact settings at the edge: the `[artifacts]` table of the TOML
file named by `PROPOSALS_CONFIG` (absent file or table = the documented defaults)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from services.proposals.domain.artifacts import DEFAULT_CONFIG, ArtifactsConfig
from shared.service import ServiceRuntime

ENV_VAR = "PROPOSALS_CONFIG"
SECTION = "artifacts"
_EXTRAS_KEY = "artifacts_config"


def load_artifacts_config(path: str | Path | None = None) -> ArtifactsConfig:
    chosen = path if path is not None else os.environ.get(ENV_VAR)
    if not chosen:
        return DEFAULT_CONFIG
    with Path(chosen).open("rb") as handle:
        data = tomllib.load(handle)
    return ArtifactsConfig.model_validate(data.get(SECTION, {}))


def artifacts_config(rt: ServiceRuntime) -> ArtifactsConfig:
    """The settings of this running service (loaded once)."""
    config = rt.extras.get(_EXTRAS_KEY)
    if not isinstance(config, ArtifactsConfig):
        config = load_artifacts_config()
        rt.extras[_EXTRAS_KEY] = config
    return config
