"""Request and response bodies of the members API.

Request bodies forbid unknown fields and bound every length; closed vocabularies (visit
kind, mode, role tags, political affiliation) are checked by the domain, whose messages
list the allowed values in Chinese.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from services.members.api.township_paging import ListPage
from services.members.domain import is_valid_township_id


def _township_id(value: str) -> str:
    if not is_valid_township_id(value):
        raise PydanticCustomError(
            "invalid_township_id",
            "应为 2–32 位小写英文字母、数字、下划线或连字符，且以字母或数字开头（如 chengguan）",
        )
    return value


def _member_id(value: str) -> str:
    try:
        if str(uuid.UUID(value)) == value:
            return value
    except ValueError:
        pass
    raise PydanticCustomError(
        "invalid_member_id", "应为小写、带连字符的 UUID（如 0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70）"
    )


TownshipId = Annotated[
    str,
    Field(max_length=32, description="乡镇编号（联络组编号），如 chengguan"),
    AfterValidator(_township_id),
]
MemberId = Annotated[str, Field(max_length=36), AfterValidator(_member_id)]
ShortId = Annotated[str, Field(min_length=1, max_length=64)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- requests ----------------------------------------------------------------------------


class EstablishLiaisonGroupIn(Body):
    township_id: TownshipId
    name: str = Field(min_length=1, max_length=50, description="联络组名称，如 城关镇政协联络组")
    township_name: str = Field(min_length=1, max_length=32, description="乡镇名称，如 城关镇")


class ChangeLiaisonGroupIn(Body):
    to_township_id: TownshipId = Field(description="新的所属联络组（乡镇编号）")
    reason: str | None = Field(default=None, max_length=200, description="变更原因")


class ConstituentIn(Body):
    category: str = Field(min_length=1, max_length=32, description="界别群众类别，如 种植户")
    count: int = Field(ge=1, le=100_000, description="人数")
    name: str | None = Field(default=None, max_length=50, description="姓名或单位（可不填）")


class IssueIn(Body):
    text: str = Field(min_length=1, max_length=500, description="反映的问题或诉求")
    resolved_on_site: bool = Field(default=False, description="是否当场解决")


class LogVisitIn(Body):
    visit_kind: str = Field(
        max_length=40,
        description="走访类型：leader_visits_member（主席会议成员走访基层委员）"
        "或 member_visits_constituents（委员走访界别群众）",
    )
    visit_date: date = Field(description="走访日期（不能晚于今天）")
    mode: str = Field(
        max_length=40, description="走访方式：door_to_door、symposium、phone、online、site"
    )
    role_tags: list[Annotated[str, Field(max_length=40)]] = Field(
        max_length=3,
        description="“三做”角色：investigator、policy_explainer、constituent_servant（至少一项）",
    )
    township_id: TownshipId | None = Field(
        default=None, description="走访所在乡镇；不填则为委员所属联络组的乡镇"
    )
    visitor_ids: list[ShortId] | None = Field(
        default=None, max_length=50, description="走访人委员编号；不填则为本人"
    )
    visited_member_ids: list[ShortId] = Field(
        default_factory=list, max_length=50, description="被走访的委员编号（走访基层委员时必填）"
    )
    constituents: list[ConstituentIn] = Field(
        default_factory=list, max_length=50, description="走访的界别群众（走访界别群众时必填）"
    )
    place: str | None = Field(default=None, max_length=100, description="走访地点")
    topics: list[Annotated[str, Field(max_length=50)]] = Field(
        default_factory=list, max_length=20, description="走访主题"
    )
    issues_raised: list[IssueIn] = Field(
        default_factory=list, max_length=50, description="反映的问题"
    )


# --- responses ---------------------------------------------------------------------------


class LiaisonGroupOut(BaseModel):
    township_id: str
    group_name: str
    township_name: str
    established_at: datetime
    member_count: int


class MemberOut(BaseModel):
    member_id: str
    name: str
    sector: str
    political_affiliation: str
    political_affiliation_label: str
    township_id: str
    term_no: int
    is_standing_member: bool
    work_unit: str | None
    registered_at: datetime
    sector_id: str | None = None
    member_type: str = "member"
    member_type_label: str = "委员"
    active: bool = True


# --- the township dashboard --------------------------------------------------------------


class DashboardMember(MemberOut):
    visit_count: int = Field(description="本年度登记的走访次数")


class VisitItem(BaseModel):
    visit_id: str
    member_id: str
    member_name: str | None
    member_township_id: str | None
    visit_township_id: str
    visit_kind: str
    visit_kind_label: str
    mode: str
    mode_label: str
    visit_date: date
    role_tags: list[str]
    role_tag_labels: list[str]
    topics: list[str]
    visitors_count: int
    constituents_count: int
    issues_count: int
    reason: str
    reason_label: str


class VisitsPanel(BaseModel):
    total: int = Field(description="本年度走访总数（统计全部记录，不受分页影响）")
    by_kind: dict[str, int]
    by_role_tag: dict[str, int]
    items: list[VisitItem] = Field(description="明细（按 limit/offset 分页，见 page）")
    page: ListPage = Field(description="items 的分页情况")


class ProposalItem(BaseModel):
    proposal_id: str
    title: str
    lead_author_id: str | None
    lead_author_name: str | None
    category: str | None
    category_label: str | None
    status: str
    status_label: str
    serial_no: str | None
    submitted_at: datetime
    reason: str
    reason_label: str


class ProposalsPanel(BaseModel):
    total: int
    by_status: dict[str, int]
    items: list[ProposalItem] = Field(description="明细（按 limit/offset 分页，见 page）")
    page: ListPage = Field(description="items 的分页情况")


class ConsultationItem(BaseModel):
    consultation_id: str
    held_township_id: str | None
    type: str
    type_label: str
    topic: str
    held_on: date
    participants_count: int
    suggestions_count: int
    reason: str
    reason_label: str


class ConsultationsPanel(BaseModel):
    total: int
    items: list[ConsultationItem] = Field(description="明细（按 limit/offset 分页，见 page）")
    page: ListPage = Field(description="items 的分页情况")


class AdoptedSuggestionItem(BaseModel):
    suggestion_id: str
    consultation_id: str
    text: str
    topic: str
    adopted_by: str
    adoption: str
    adoption_label: str
    adopted_at: datetime


class AdoptedSuggestionsPanel(BaseModel):
    total: int
    items: list[AdoptedSuggestionItem] = Field(description="明细（按 limit/offset 分页，见 page）")
    page: ListPage = Field(description="items 的分页情况")


class DashboardOut(BaseModel):
    township_id: str
    group_name: str
    township_name: str
    year: int
    members: list[DashboardMember] = Field(description="本组现有委员（按 limit/offset 分页）")
    members_page: ListPage = Field(description="members 的分页情况")
    visits: VisitsPanel
    proposals: ProposalsPanel
    consultations: ConsultationsPanel
    adopted_suggestions: AdoptedSuggestionsPanel
