"""County settings of the liaison-group panels (DOMAIN §3.4 quotas, §6.3), loaded at the
edge from the `[township]` table of the TOML file named by `MEMBERS_CONFIG`:

    [township]
    head_report_quota = 4                  # 社情民意 per group head and year (光泽: 4–6)
    [township.group_heads]
    chengguan = ["<member id of the head>"]

Defaults and reasons: docs/decisions/0011-liaison-group-view.md.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from shared.service import ServiceRuntime

ENV_VAR = "MEMBERS_CONFIG"
SECTION = "township"
EXTRAS_KEY = "township_config"


class TownshipConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: 社情民意 reports each liaison-group head should submit per year (光泽: 4–6).
    head_report_quota: int = Field(default=4, ge=0, le=100)
    #: Group heads (组长/副组长) per township: the member record has no such role yet.
    group_heads: dict[str, list[str]] = Field(default_factory=dict)


def load_township_config(environ: Mapping[str, str] | None = None) -> TownshipConfig:
    env = os.environ if environ is None else environ
    path = env.get(ENV_VAR)
    if not path:
        return TownshipConfig()
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    section = data.get(SECTION, {})
    return TownshipConfig.model_validate(section if isinstance(section, dict) else {})


def township_config(rt: ServiceRuntime) -> TownshipConfig:
    """Loaded once per runtime (tests may put their own under EXTRAS_KEY)."""
    config = rt.extras.get(EXTRAS_KEY)
    if not isinstance(config, TownshipConfig):
        config = load_township_config()
        rt.extras[EXTRAS_KEY] = config
    return config
