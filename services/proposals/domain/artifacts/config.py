"""Values that vary by county (DOMAIN §9), with the defaults chosen in ADR 0007.

A frozen model passed INTO the pure deciders; overrides come from the `[artifacts]` table
of the TOML file named by `PROPOSALS_CONFIG` (loaded at the edge, see
`application/artifacts_config.py`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ArtifactsConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # 重复提案提醒: character-bigram Jaccard similarity of titles at or above this.
    similar_title_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    similar_title_limit: int = Field(default=10, ge=1, le=100)
    # 交办单: reply deadline when none is given = issue date + this many calendar months.
    reply_deadline_months: int = Field(default=3, ge=1, le=6)
    # 督办单: the unit answers within this many working days when no date is given.
    supervision_response_workdays: int = Field(default=5, ge=1, le=60)
    # 征询意见表: the dimensions the proposer rates (§2.7: 办理工作 / 办理结果).
    feedback_dimensions: dict[str, str] = Field(
        default_factory=lambda: {"process": "办理工作", "result": "办理结果"}, min_length=1
    )
    # 表彰级别 of 优秀提案 / 先进承办单位.
    award_levels: dict[str, str] = Field(
        default_factory=lambda: {
            "county": "县级",
            "city": "市级",
            "province": "省级",
            "national": "全国",
        },
        min_length=1,
    )


DEFAULT_CONFIG = ArtifactsConfig()
