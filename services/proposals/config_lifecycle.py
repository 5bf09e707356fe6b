"""Load the county's proposal-lifecycle settings at the edge: the `[lifecycle]` table of
the TOML file named by `PROPOSALS_CONFIG` (absent file or table = documented defaults).

Example::

    [lifecycle]
    review_stages = { first_review = "初审", final_review = "终审" }
    return_window_working_days = 7
    rehandle_on_basically_satisfied = true
    result_classes = { A = "已经解决或基本解决", B = "正在解决或列入规划逐步解决",
                       C = "因目前条件限制需以后解决", D = "留作参考" }
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from services.proposals.domain.config import DEFAULT_CONFIG, LifecycleConfig
from shared.service import ServiceRuntime

ENV_VAR = "PROPOSALS_CONFIG"
SECTION = "lifecycle"
EXTRAS_KEY = "proposals.lifecycle_config"


def load_lifecycle_config(path: str | Path | None = None) -> LifecycleConfig:
    chosen = path if path is not None else os.environ.get(ENV_VAR)
    if not chosen:
        return DEFAULT_CONFIG
    with Path(chosen).open("rb") as handle:
        data = tomllib.load(handle)
    return LifecycleConfig.model_validate(data.get(SECTION, {}))


def lifecycle_config(rt: ServiceRuntime) -> LifecycleConfig:
    """The settings of this running service (loaded once; tests may set them)."""
    config = rt.extras.get(EXTRAS_KEY)
    if not isinstance(config, LifecycleConfig):
        config = load_lifecycle_config()
        rt.extras[EXTRAS_KEY] = config
    return config
