"""Small rules every proposal decider uses: existence, state messages, choices, text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Protocol

from shared.domain import DomainError, Invalid, NotFound, Rejected

from .calendar import end_of_day, local_date
from .config import LifecycleConfig
from .labels import choices_text, status_label
from .model import ProposalState, ProposalStatus

TITLE_MAX_CHARS = 100
BODY_MAX_CHARS = 2500
NOTE_MAX_CHARS = 500
REPLY_MAX_CHARS = 10_000


class HasProposalId(Protocol):
    @property
    def proposal_id(self) -> str: ...


def member_principal(member_id: str) -> str:
    """Principal id of a member acting for themself."""
    return f"member:{member_id}"


def forbidden(message: str, code: str = "forbidden") -> DomainError:
    return DomainError(message, kind="forbidden", code=code)


def require_existing(cmd: HasProposalId, state: ProposalState) -> None:
    if not state.exists:
        raise NotFound("未找到该提案，请核对提案后重试", code="proposal_not_found")
    if state.proposal_id != cmd.proposal_id:
        raise ValueError(f"state of {state.proposal_id} given for {cmd.proposal_id}")


def state_message(state: ProposalState, action: str) -> str:
    return f"提案当前状态为“{status_label(state.status)}”，不能{action}"


def require_status(
    state: ProposalState, allowed: Iterable[ProposalStatus], action: str, hint: str = ""
) -> None:
    if state.status not in set(allowed):
        raise Rejected(state_message(state, action) + hint, code="invalid_state")


def choice(value: str, labels: Mapping[str, str], what: str) -> str:
    if value in labels:
        return value
    if not value.strip():
        raise Invalid(f"请选择{what}，可选：{choices_text(labels)}", code="invalid_choice")
    raise Invalid(
        f"{what}“{value}”无效，请从以下选项中选择：{choices_text(labels)}",
        code="invalid_choice",
    )


def optional_text(raw: str | None, what: str, limit: int = NOTE_MAX_CHARS) -> str | None:
    text = (raw or "").strip()
    if len(text) > limit:
        raise Invalid(
            f"{what}不能超过{limit}个字，当前为{len(text)}个字，请精简", code="text_too_long"
        )
    return text or None


def required_text(raw: str | None, what: str, limit: int = NOTE_MAX_CHARS) -> str:
    text = optional_text(raw, what, limit)
    if text is None:
        raise Invalid(f"请填写{what}", code="text_required")
    return text


def duplicates(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for item in items:
        if item in seen and item not in dups:
            dups.append(item)
        seen.add(item)
    return dups


def utc(at: datetime) -> datetime:
    return at.astimezone(UTC)


def today(at: datetime, config: LifecycleConfig) -> date:
    """The county's calendar date of a command."""
    return local_date(at, config.utc_offset_hours)


def deadline_at(day: date, config: LifecycleConfig) -> datetime:
    return end_of_day(day, config.utc_offset_hours)
