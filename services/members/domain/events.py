"""Events of the `members` context: township liaison groups and members (incl. 两访三做).

Events are facts: field types are permissive where a rule may change later (rules live
in `decide.py`), closed vocabularies are `Literal`s.

Note: `DomainEvent.name` is the class-level event name, so an event cannot have a data
field called `name`; the display names travel as `group_name` / `member_name`.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from services.members.domain.vocab import Gender, MemberType
from shared.events import DomainEvent, EventRegistry

CONTEXT = "members"
LIAISON_GROUP = "liaison_group"
MEMBER = "member"

# --- closed vocabularies -----------------------------------------------------------------

VisitKind = Literal["leader_visits_member", "member_visits_constituents"]
VisitMode = Literal["door_to_door", "symposium", "phone", "online", "site"]
RoleTag = Literal["investigator", "policy_explainer", "constituent_servant"]
SimplePoliticalAffiliation = Literal["cpc", "non_party", "none"]

VISIT_KINDS: tuple[VisitKind, ...] = get_args(VisitKind)
VISIT_MODES: tuple[VisitMode, ...] = get_args(VisitMode)
ROLE_TAGS: tuple[RoleTag, ...] = get_args(RoleTag)
SIMPLE_POLITICAL_AFFILIATIONS: tuple[SimplePoliticalAffiliation, ...] = get_args(
    SimplePoliticalAffiliation
)
DEMOCRATIC_PARTY_PREFIX = "democratic_party:"


# --- value objects (used by commands and events) -----------------------------------------


class Constituent(BaseModel):
    """A group of sector constituents met during a visit (委员走访界别群众)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    category: str
    count: int
    name: str | None = None


class IssueRaised(BaseModel):
    """A problem or request raised during a visit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    resolved_on_site: bool = False


# --- events ------------------------------------------------------------------------------

registry = EventRegistry()


@registry.register
class LiaisonGroupEstablished(DomainEvent):
    """乡镇政协联络组设立. Aggregate id = township_id."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = LIAISON_GROUP
    name: ClassVar[str] = "established"
    version: ClassVar[int] = 1

    township_id: str
    group_name: str
    township_name: str


@registry.register
class MemberRegistered(DomainEvent):
    """委员登记. Aggregate id = member_id; township_id = the member's liaison group.

    Opens the member's first term membership (`term_no`, `member_type`, `joined_at`).
    """

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = MEMBER
    name: ClassVar[str] = "registered"
    version: ClassVar[int] = 1

    member_id: str
    member_name: str
    sector: str
    political_affiliation: str
    township_id: str
    term_no: int
    is_standing_member: bool = False
    work_unit: str | None = None
    # Added later (defaults keep older events readable):
    sector_id: str | None = None
    member_type: MemberType | None = None
    joined_at: date | None = None
    gender: Gender | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    position: str | None = None
    is_non_public_economy: bool = False
    is_new_social_stratum: bool = False
    enterprise_name: str | None = None
    # Personal data only as ciphertext: {field: base64(nonce + AES-GCM ciphertext)},
    # under the member's data key `pii_key_id` (kept outside the event store).
    pii: dict[str, str] = Field(default_factory=dict)
    pii_key_id: str | None = None


@registry.register
class VisitLogged(DomainEvent):
    """两访 visit recorded by one of its visitors (the aggregate member).

    `township_id` is where the visit happened; `member_township_id` is the recording
    member's own liaison group at event time (snapshot for attribution, DOMAIN §6.2).
    """

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = MEMBER
    name: ClassVar[str] = "visit_logged"
    version: ClassVar[int] = 1

    member_id: str
    visit_id: str
    visit_kind: VisitKind
    visitor_ids: tuple[str, ...]
    visited_member_ids: tuple[str, ...] = ()
    constituents: tuple[Constituent, ...] = ()
    township_id: str
    member_township_id: str | None
    place: str | None = None
    visit_date: date
    mode: VisitMode
    role_tags: tuple[RoleTag, ...]
    topics: tuple[str, ...] = ()
    issues_raised: tuple[IssueRaised, ...] = ()


@registry.register
class MemberLiaisonGroupChanged(DomainEvent):
    """委员所属联络组变更. township_id = the new group (to_township_id)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = MEMBER
    name: ClassVar[str] = "liaison_group_changed"
    version: ClassVar[int] = 1

    member_id: str
    from_township_id: str | None
    to_township_id: str
    township_id: str
    reason: str | None = None
    term_no: int | None = None


LIAISON_GROUP_EVENTS: tuple[type[DomainEvent], ...] = (LiaisonGroupEstablished,)
MEMBER_EVENTS: tuple[type[DomainEvent], ...] = (
    MemberRegistered,
    VisitLogged,
    MemberLiaisonGroupChanged,
)
