"""Configuration of the member registry (members, sectors, meetings) that varies by county.

Defaults are the documented choices (docs/decisions/0008-member-personal-data.md);
overrides come from the TOML file named by `MEMBERS_CONFIG`, table `[registry]`:

    [registry]
    require_established_sector = false   # accept free-text sectors (older deployments)
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

ENV_VAR = "MEMBERS_CONFIG"


class RegistryConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    require_established_sector: bool = Field(
        default=True,
        description="委员的界别必须是已设立的界别（否则接受自由填写的界别名称）",
    )


def load_registry_config(path: str | None = None) -> RegistryConfig:
    """The defaults, overridden by `[registry]` of the TOML file at `path` / $MEMBERS_CONFIG."""
    source = path or os.environ.get(ENV_VAR)
    if not source:
        return RegistryConfig()
    data = tomllib.loads(Path(source).read_text(encoding="utf-8"))
    return RegistryConfig.model_validate(data.get("registry", {}))
