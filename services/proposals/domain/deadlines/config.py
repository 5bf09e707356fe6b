"""County settings of deadline reminders and the automatic evaluation lapse (DOMAIN §2.6.1
"T-15 cd, T-5 cd [I]", §8.2). Loaded at the edge from the `[deadlines]` table of the TOML
file named by `PROPOSALS_CONFIG` (`services/proposals/config_deadlines.py`); defaults are
recorded in docs/decisions/0012-deadline-timers.md.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .events import DayUnit


class DeadlineConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Reminders this many days before a reply / co-opinion due date (largest first).
    approaching_days: tuple[int, ...] = (15, 5)
    # Count those days as calendar days (default) or working days (office calendar).
    day_unit: DayUnit = "calendar"
    # Remind co-handlers of their 会办意见 due date (approaching and overdue).
    co_opinion_reminders: bool = True
    # 签收超时: not signed for when the return window (退办期限) has passed.
    sign_in_overdue: bool = True
    # Record 逾期未评价 automatically when the evaluation window has passed.
    lapse_evaluations: bool = True
    # The timer (edge only): seconds between scans, and commands per scan at most.
    scan_interval_seconds: float = Field(default=60.0, gt=0, le=86_400)
    max_commands_per_scan: int = Field(default=500, ge=1, le=100_000)

    @field_validator("approaching_days")
    @classmethod
    def _thresholds(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(day < 1 or day > 366 for day in value):
            raise ValueError("approaching_days must be between 1 and 366")
        if len(set(value)) != len(value):
            raise ValueError("approaching_days must not repeat a value")
        return tuple(sorted(value, reverse=True))


DEFAULT_DEADLINES = DeadlineConfig()
