"""County-specific settings of the proposal lifecycle (DOMAIN §8.2, §2.4, §2.6.3, §2.7, §9).

A frozen model with the documented defaults. Deciders take it as an argument; the edge
loads overrides from the TOML file named by `PROPOSALS_CONFIG` (table `[lifecycle]`, see
`services/proposals/config_lifecycle.py`). Defaults are recorded in
docs/decisions/0005-proposal-lifecycle-defaults.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Satisfaction = Literal["satisfied", "basically_satisfied", "dissatisfied"]

SATISFACTION_RANK: dict[str, int] = {"dissatisfied": 0, "basically_satisfied": 1, "satisfied": 2}

# §2.6.3 row 1: Zhejiang provincial department rule (recommended default).
ZHEJIANG_RESULT_CLASSES: dict[str, str] = {
    "A": "所提问题已经解决或基本解决",
    "B": "所提问题部分解决或已列入计划解决",
    "C": "所提问题因受条件限制留作参考或不可行",
}

DEFAULT_REVIEW_STAGES: dict[str, str] = {
    "first_review": "初审",
    "joint_review": "会审",
    "final_review": "终审",
}


class LifecycleConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    utc_offset_hours: int = Field(default=8, ge=-12, le=14)
    # --- submission ---
    cosign_window_days: int = Field(default=7, ge=1, le=90)
    plenary_only_author_kinds: tuple[str, ...] = ("member_group",)
    # --- review: ordered stages (code → label); a county may drop stages ---
    review_stages: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_REVIEW_STAGES))
    require_review_stages: bool = False
    # --- assignment & handling ---
    return_window_working_days: int = Field(default=5, ge=1, le=30)
    reply_months: int = Field(default=3, ge=1, le=12)
    co_opinion_months: int = Field(default=1, ge=1, le=6)
    extension_months: int = Field(default=1, ge=1, le=6)
    max_handling_months: int = Field(default=6, ge=1, le=24)
    result_classes: dict[str, str] = Field(default_factory=lambda: dict(ZHEJIANG_RESULT_CLASSES))
    # --- evaluation & re-handling ---
    evaluation_window_working_days: int = Field(default=15, ge=1, le=60)
    split_evaluation: bool = True
    rehandle_on_basically_satisfied: bool = False
    max_rehandling_rounds: int = Field(default=1, ge=0, le=5)
    rehandling_months: int = Field(default=1, ge=1, le=6)
    conclude_threshold: Satisfaction = "basically_satisfied"

    @model_validator(mode="after")
    def _check(self) -> LifecycleConfig:
        if not self.result_classes:
            raise ValueError("result_classes must not be empty")
        if self.max_handling_months < self.reply_months:
            raise ValueError("max_handling_months must be >= reply_months")
        return self

    @property
    def stage_codes(self) -> tuple[str, ...]:
        return tuple(self.review_stages)

    def triggers_rehandling(self, satisfaction: str) -> bool:
        if satisfaction == "dissatisfied":
            return True
        return satisfaction == "basically_satisfied" and self.rehandle_on_basically_satisfied

    def meets_threshold(self, satisfaction: str) -> bool:
        return SATISFACTION_RANK[satisfaction] >= SATISFACTION_RANK[self.conclude_threshold]


DEFAULT_CONFIG = LifecycleConfig()
