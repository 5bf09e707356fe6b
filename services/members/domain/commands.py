"""Commands of the members context.

Fields with a closed vocabulary (visit kind, mode, role tags, political affiliation) are
plain strings here so that `decide` can reject a wrong value with a Chinese message a
township clerk can act on; the allowed values are in `events.py` / `labels.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from services.members.domain.events import Constituent, IssueRaised


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str
    at: AwareDatetime


class EstablishLiaisonGroup(Command):
    """设立乡镇政协联络组. The group's id is its township id (a slug)."""

    township_id: str
    name: str
    township_name: str


class RegisterMember(Command):
    """登记委员 into an established liaison group, with an established sector.

    `sector` (name) or `sector_id` names the sector; `pii` holds personal data already
    encrypted at the edge under the data key `pii_key_id` (the domain never sees plaintext).
    """

    member_id: str
    name: str
    sector: str | None = None
    sector_id: str | None = None
    political_affiliation: str
    township_id: str
    term_no: int
    is_standing_member: bool = False
    member_type: str | None = None
    joined_at: date | None = None
    work_unit: str | None = None
    profile: dict[str, Any] = Field(default_factory=dict)
    pii: dict[str, str] = Field(default_factory=dict)
    pii_key_id: str | None = None


class LogVisit(Command):
    """登记一次“两访”走访, recorded on the aggregate of `member_id` (one of the visitors).

    `visitor_ids` defaults to `[member_id]` when omitted.
    """

    member_id: str
    visit_id: str
    visit_kind: str
    visitor_ids: list[str]
    visited_member_ids: list[str] = Field(default_factory=list)
    constituents: list[Constituent] = Field(default_factory=list)
    township_id: str
    place: str | None = None
    visit_date: date
    mode: str
    role_tags: list[str]
    topics: list[str] = Field(default_factory=list)
    issues_raised: list[IssueRaised] = Field(default_factory=list)
    today: date

    @model_validator(mode="before")
    @classmethod
    def _default_visitors(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("visitor_ids") is None and "member_id" in data:
            return {**data, "visitor_ids": [data["member_id"]]}
        return data


class ChangeMemberLiaisonGroup(Command):
    """变更委员所属联络组 (e.g. the member moved to work in another township)."""

    member_id: str
    to_township_id: str
    reason: str | None = None
