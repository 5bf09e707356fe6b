"""What every artifact aggregate shares: the registry, the command base, a proposal's
reference data, and small validators that answer in Chinese."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from pydantic import AwareDatetime, BaseModel, ConfigDict

from services.proposals.domain.labels import choices_text, status_label
from shared.domain import Invalid, NotFound, Rejected
from shared.events import EventRegistry

CONTEXT = "proposals"
# The county's calendar day (Asia/Shanghai: UTC+8, no daylight saving).
COUNTY_TZ = timezone(timedelta(hours=8))
# Proposal statuses from 立案 on: only such proposals have slips, forms, records, awards.
HANDLED_STATUSES = frozenset(
    {"registered", "assigned", "in_handling", "replied", "rehandling", "concluded"}
)
PROPOSAL_NOT_FOUND = "未找到该提案，请核对提案编号后重试"

registry = EventRegistry()


class ArtifactCommand(BaseModel):
    """Base: who acts and when (aware UTC)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str
    at: AwareDatetime


@dataclass(frozen=True)
class ProposalRef:
    """What an artifact needs to know about a proposal (taken from its aggregate)."""

    proposal_id: str
    status: str | None = None
    serial_no: str | None = None
    title: str = ""
    township_id: str | None = None
    author_ids: tuple[str, ...] = ()
    term_no: int = 0
    session_no: int = 0

    @property
    def exists(self) -> bool:
        return self.status is not None


def require_handled(ref: ProposalRef, action: str) -> ProposalRef:
    """The proposal exists and has been registered (立案) — else 404 / 409."""
    if not ref.exists:
        raise NotFound(f"{PROPOSAL_NOT_FOUND}（{ref.proposal_id}）", code="proposal_not_found")
    if ref.status not in HANDLED_STATUSES:
        raise Rejected(
            f"提案“{ref.title}”当前状态为“{status_label(ref.status)}”，尚未立案，不能{action}",
            code="proposal_not_registered",
        )
    return ref


def text(raw: str | None, label: str, max_chars: int, *, required: bool = True) -> str:
    value = (raw or "").strip()
    if required and not value:
        raise Invalid(f"请填写{label}", code="required")
    if len(value) > max_chars:
        raise Invalid(
            f"{label}不能超过{max_chars}个字，当前为{len(value)}个字，请精简", code="too_long"
        )
    return value


def choice(value: str, labels: Mapping[str, str], label: str) -> str:
    if value not in labels:
        raise Invalid(f"{label}“{value}”无效，可选：{choices_text(labels)}", code="invalid_choice")
    return value


def year_of(value: int) -> int:
    if not 2000 <= value <= 2100:
        raise Invalid(f"年度“{value}”无效，请填写 2000 至 2100 之间的年份", code="invalid_year")
    return value


def no_duplicates(items: Iterable[str], label: str) -> None:
    seen: set[str] = set()
    dups: list[str] = []
    for item in items:
        if item in seen and item not in dups:
            dups.append(item)
        seen.add(item)
    if dups:
        raise Invalid(f"{label}重复：{'、'.join(dups)}，请删除重复项", code="duplicate")


def utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


def county_date(at: datetime) -> date:
    """The county's calendar date at an aware instant."""
    return at.astimezone(COUNTY_TZ).date()
