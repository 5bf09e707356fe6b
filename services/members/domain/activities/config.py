"""County-specific settings of the duty activities (DOMAIN §5.2, §9.2), passed INTO the
pure decisions. Defaults are documented in docs/decisions/0009-duty-activities.md; the
edge loads overrides from the `[activities]` table of the TOML file named by
`MEMBERS_CONFIG` (see `services/members/application/activities_config.py`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ActivitiesConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Each member fixes at least this many representative constituents (德清 ≥3).
    constituent_links_min: int = Field(default=3, ge=0, le=100)
    #: At most this many active links per member (贾汪: 5–10 constituents).
    constituent_links_max: int = Field(default=10, ge=1, le=200)
    #: 委员走访界别群众 per member and year (quarterly, §5.2 suggested default).
    constituent_visits_per_year: int = Field(default=4, ge=0, le=100)
    #: Visits by chair-council members per chair-council member and year (§5.2 "N").
    leader_visits_per_year: int = Field(default=4, ge=0, le=100)
    #: Every member is visited by a chair-council member at least this often per term.
    member_visited_per_term: int = Field(default=1, ge=0, le=100)
    #: May an issue that was resolved on site still become a report or proposal draft?
    escalate_resolved_issues: bool = False
    #: Must the liaison group verify a visit before an issue of it is escalated?
    require_verification_before_escalation: bool = False

    @model_validator(mode="after")
    def _min_not_above_max(self) -> ActivitiesConfig:
        if self.constituent_links_min > self.constituent_links_max:
            raise ValueError(
                "constituent_links_min must not exceed constituent_links_max "
                f"({self.constituent_links_min} > {self.constituent_links_max})"
            )
        return self


DEFAULT_CONFIG = ActivitiesConfig()
