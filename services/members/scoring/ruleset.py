"""The scoring rule set (`scoring_ruleset`, DOMAIN §5.4), versioned per year.

`DEFAULT_RULESET` is the §5.4 recommended default (choices where §5.4 is silent are in
docs/decisions/0010-member-scoring.md). A county overrides it per year in the TOML file
named by `MEMBERS_CONFIG` (loaded at the edge), e.g.

    [scoring.2025]
    version = "2025年度县定规则"
    [scoring.2025.points]
    "proposal.registered.lead" = 12
    [scoring.2025.groups.proposal]
    cap = 30

Tables merge into the default key by key (`points`, `groups`, `constraints`); lists
(`grades`) replace it. `[scoring.default]` overrides the default for every year.

Points are looked up by rule key `<category>.<kind>[.<detail>][.<role>]`, the most
specific key first (see `score.rule_keys`); a fact without any matching key earns 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

FROZEN = ConfigDict(frozen=True, extra="forbid")


class GradeBand(BaseModel):
    """A grade reached at `min_score` or more (bands are tried from the highest; a total
    below every band gets the lowest)."""

    model_config = FROZEN

    grade: str = Field(min_length=1, max_length=32)
    label: str = Field(min_length=1, max_length=32)
    min_score: float


class CapGroup(BaseModel):
    """Categories whose positive points are summed and capped together (None = no cap).
    Deductions (negative points) are not capped: they always count."""

    model_config = FROZEN

    label: str = Field(min_length=1, max_length=32)
    cap: float | None = Field(default=None, ge=0)
    categories: tuple[str, ...] = Field(min_length=1)


class ConstraintRules(BaseModel):
    """约束机制 (§5.4). A threshold of 0 switches its rule off."""

    model_config = FROZEN

    #: 一届内无故缺席全体会议达到此次数 → 提请撤销委员资格 (revocation_proposed)
    revocation_unexcused_plenary_in_term: int = Field(default=2, ge=0)
    #: 年度得分低于此分 → 提醒谈话 (reminder_talk)
    reminder_below: float = Field(default=60, ge=0)
    #: 连续 persuade_consecutive_years 年得分低于 persuade_below → 劝辞 (persuade_to_resign)
    persuade_below: float = Field(default=60, ge=0)
    persuade_consecutive_years: int = Field(default=2, ge=0, le=10)
    #: 连续此年数没有提案 → 不再推荐连任 (not_renominated_flag)
    no_proposal_years: int = Field(default=2, ge=0, le=10)
    #: 一届提案少于此件数（届末年度评估）→ 不再推荐连任
    min_proposals_in_term: int = Field(default=3, ge=0)
    #: 一届的年数（届 = 5 年），用来判断届末年度
    term_years: int = Field(default=5, ge=1, le=10)


def _default_grades() -> tuple[GradeBand, ...]:
    return (
        GradeBand(grade="excellent", label="优秀", min_score=90),
        GradeBand(grade="good", label="良好", min_score=75),
        GradeBand(grade="competent", label="称职", min_score=60),
        GradeBand(grade="incompetent", label="不称职", min_score=0),
    )


def _default_groups() -> dict[str, CapGroup]:
    return {
        "attendance": CapGroup(label="会议出勤", cap=40, categories=("attendance",)),
        "proposal": CapGroup(label="提案", cap=25, categories=("proposal",)),
        "opinion_report": CapGroup(label="社情民意信息", cap=20, categories=("opinion_report",)),
        "activity": CapGroup(label="履职活动", cap=15, categories=("activity",)),
        "visit": CapGroup(label="两访三做", cap=10, categories=("visit",)),
        "bonus": CapGroup(label="民生实事与表彰", cap=10, categories=("livelihood", "award")),
        "penalty": CapGroup(label="约束与处理", cap=None, categories=("penalty",)),
        "adjustment": CapGroup(label="分数调整", cap=None, categories=("adjustment",)),
    }


DEFAULT_POINTS: dict[str, float] = {
    # 会议出勤 — plenary: full 30, leave 15, unexcused −10; late/early −1 (§5.4)
    "attendance.present.plenary_session": 30,
    "attendance.late.plenary_session": 29,
    "attendance.left_early.plenary_session": 29,
    "attendance.leave_approved.plenary_session": 15,
    "attendance.absent_unexcused.plenary_session": -10,
    # standing-committee meetings (standing members): leave −2, unexcused −5
    "attendance.present.standing_committee_meeting": 2,
    "attendance.late.standing_committee_meeting": 1,
    "attendance.left_early.standing_committee_meeting": 1,
    "attendance.leave_approved.standing_committee_meeting": -2,
    "attendance.absent_unexcused.standing_committee_meeting": -5,
    # other organised meetings and activities
    "attendance.present": 2,
    "attendance.late": 1,
    "attendance.left_early": 1,
    # 提案 — submitted 5; registered +10 lead / +5 co-author; key +5; excellent +5
    "proposal.submitted.lead": 5,
    "proposal.submitted.co": 2,
    "proposal.registered.lead": 10,
    "proposal.registered.co": 5,
    "proposal.key.lead": 5,
    "proposal.key.co": 2,
    "proposal.excellent.lead": 5,
    "proposal.excellent.co": 2,
    # 社情民意信息 — submitted 3; adoption by level; leader instruction by level
    "opinion_report.submitted": 3,
    "opinion_report.adopted.county": 5,
    "opinion_report.adopted.county_party_gov": 5,
    "opinion_report.adopted.city": 8,
    "opinion_report.adopted.province": 12,
    "opinion_report.adopted.national": 20,
    "opinion_report.instructed.county_leader": 5,
    "opinion_report.instructed.city_leader": 10,
    "opinion_report.instructed.provincial_leader": 10,
    "opinion_report.instructed.national_leader": 10,
    # 履职活动 — consultation/inspection/training 2; written speech 3; oral 5 at
    # plenary / standing-committee sessions (3 elsewhere)
    "activity.consultation": 2,
    "activity.inspection": 2,
    "activity.training": 2,
    "activity.training.partial": 1,
    "activity.speech.written": 3,
    "activity.speech.oral": 3,
    "activity.speech.plenary.oral": 5,
    "activity.speech.standing_committee_thematic.oral": 5,
    # 两访三做 — verified constituent visit 2; visit with an adopted output +2
    "visit.verified.member_visits_constituents": 2,
    "visit.output_adopted": 2,
    # 民生实事 2 each; 争先创优 by level +4/+6/+8/+10
    "livelihood.participated": 2,
    "award.excellence.county": 4,
    "award.excellence.city": 6,
    "award.excellence.province": 8,
    "award.excellence.national": 10,
}


class ScoringRuleset(BaseModel):
    """One year's rule set. `base`: points every member starts with (0: the four main
    categories' caps add up to the 100-point scale, the bonus categories go above it)."""

    model_config = FROZEN

    version: str = Field(default="default", min_length=1, max_length=64)
    label: str = Field(default="县政协委员履职量化考评默认规则（DOMAIN §5.4）", max_length=100)
    base: float = 0
    max_total: float | None = None
    grades: tuple[GradeBand, ...] = Field(default_factory=_default_grades, min_length=1)
    groups: dict[str, CapGroup] = Field(default_factory=_default_groups)
    points: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_POINTS))
    constraints: ConstraintRules = Field(default_factory=ConstraintRules)

    @model_validator(mode="after")
    def _categories_once(self) -> ScoringRuleset:
        seen: dict[str, str] = {}
        for name, group in self.groups.items():
            for category in group.categories:
                if category in seen:
                    raise ValueError(
                        f"category {category!r} is in groups {seen[category]!r} and {name!r}"
                    )
                seen[category] = name
        return self

    def group_of(self, category: str) -> str:
        """The cap group a category belongs to (its own name if none lists it)."""
        for name, group in self.groups.items():
            if category in group.categories:
                return name
        return category

    def grade_of(self, total: float) -> GradeBand:
        bands = sorted(self.grades, key=lambda b: b.min_score, reverse=True)
        return next((b for b in bands if total >= b.min_score), bands[-1])


DEFAULT_RULESET = ScoringRuleset()


class ScoringConfig(BaseModel):
    """The rule sets of every year: `years[y]` if the county configured one, else `default`."""

    model_config = FROZEN

    default: ScoringRuleset = DEFAULT_RULESET
    years: dict[int, ScoringRuleset] = Field(default_factory=dict)

    def for_year(self, year: int) -> ScoringRuleset:
        return self.years.get(year, self.default)


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key (recursively); any other value replaces."""
    merged = dict(base)
    for key, value in override.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            merged[key] = merge(current, value)
        else:
            merged[key] = value
    return merged


def _apply(base: ScoringRuleset, override: Mapping[str, Any], version: str) -> ScoringRuleset:
    data = merge(base.model_dump(), {"version": version, **override})
    return ScoringRuleset.model_validate(data)


def build_config(section: Mapping[str, Any]) -> ScoringConfig:
    """The rule sets from the `[scoring]` table (already parsed): `default` and years."""
    default = DEFAULT_RULESET
    raw_default = section.get("default")
    if isinstance(raw_default, Mapping):
        default = _apply(DEFAULT_RULESET, raw_default, "default")
    years: dict[int, ScoringRuleset] = {}
    for key, value in section.items():
        if key == "default":
            continue
        if not str(key).isdigit() or not isinstance(value, Mapping):
            raise ValueError(f"[scoring.{key}]: expected a year table such as [scoring.2025]")
        years[int(key)] = _apply(default, value, str(key))
    return ScoringConfig(default=default, years=years)
