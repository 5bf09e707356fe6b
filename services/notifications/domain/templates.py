"""Notification matrix (DOMAIN §8.1) for this slice: foreign event → notification drafts.

Pure and tolerant: the input is the decoded JSON body of another service's event plus its
type name (`"proposals.proposal.registered"`; a full `ce-type` such as
`"cn.cppcc.proposals.proposal.registered.v1"` is accepted too). Missing or odd fields never
raise; unknown event types give no drafts. The application turns each draft into a
`SendNotification` whose id is uuid5(cause event id, recipient).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from services.notifications.domain.labels import (
    ADOPTION_LABELS,
    DISPOSITION_LABELS,
    NOT_REGISTERED_REASON_LABELS,
    VISIT_KIND_LABELS,
    label,
)

TEMPLATE_PROPOSAL_RECEIVED = "proposal.received"
TEMPLATE_PROPOSAL_REGISTERED = "proposal.registered"
TEMPLATE_PROPOSAL_NOT_REGISTERED = "proposal.not_registered"
TEMPLATE_SUGGESTION_ADOPTED = "consultation.suggestion_adopted"
TEMPLATE_VISIT_LOGGED = "member.visit_logged"

#: How long a quoted suggestion text may be inside a notification body.
EXCERPT_LENGTH = 40

_CE_PREFIX = "cn.cppcc."
_VERSION_SUFFIX = re.compile(r"\.v\d+$")


@dataclass(frozen=True)
class Draft:
    """A notification to send: who gets it and what it says."""

    recipient: str
    template: str
    title: str
    body: str
    township_id: str | None


Data = Mapping[str, Any]


# --- tolerant field readers --------------------------------------------------------------


def _text(data: Data, *keys: str) -> str:
    """First non-empty value among `keys`, as stripped text ("" if none)."""
    for key in keys:
        value = data.get(key)
        if value is None or isinstance(value, (dict, list, tuple)):
            continue
        text = str(value).strip()
        if text:
            return text
    return ""


def _ids(value: Any) -> list[str]:
    """A list of ids from a string, a list of strings, or a list of {"member_id": …}."""
    if value is None:
        return []
    if isinstance(value, (str, int, Mapping)):
        items: list[Any] = [value]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        return []
    result: list[str] = []
    for item in items:
        raw = item.get("member_id") if isinstance(item, Mapping) else item
        if raw is None or isinstance(raw, (list, tuple, dict)):
            continue
        text = str(raw).strip()
        if text:
            result.append(text)
    return result


def _member(principal_or_id: str) -> str:
    """`member:<id>` for a bare id; an id that already names its kind is kept."""
    return principal_or_id if ":" in principal_or_id else f"member:{principal_or_id}"


def _unique(recipients: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(recipients))


def _township(data: Data) -> str | None:
    return _text(data, "township_id") or None


def _authors(data: Data) -> list[str]:
    lead = _text(data, "lead_author_id")
    ids = ([lead] if lead else []) + _ids(data.get("co_author_ids"))
    return _unique(_member(i) for i in ids)


def _proposal_ref(data: Data) -> str:
    title = _text(data, "title")
    return f"您的提案《{title}》" if title else "您的提案"


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"


# --- the matrix --------------------------------------------------------------------------


def _proposal_submitted(data: Data) -> list[Draft]:
    lead = _text(data, "lead_author_id")
    if not lead:
        return []
    return [
        Draft(
            recipient=_member(lead),
            template=TEMPLATE_PROPOSAL_RECEIVED,
            title="提案已提交",
            body=f"{_proposal_ref(data)}已提交，等待提案委员会审查。",
            township_id=_township(data),
        )
    ]


def _proposal_registered(data: Data) -> list[Draft]:
    serial_no = _text(data, "serial_no")
    numbered = f"，编号 {serial_no}" if serial_no else ""
    body = f"{_proposal_ref(data)}已立案{numbered}。"
    return [
        Draft(
            recipient=recipient,
            template=TEMPLATE_PROPOSAL_REGISTERED,
            title="提案已立案",
            body=body,
            township_id=_township(data),
        )
        for recipient in _authors(data)
    ]


def _proposal_not_registered(data: Data) -> list[Draft]:
    parts = [f"{_proposal_ref(data)}经提案委员会审查未予立案。"]
    reason = label(NOT_REGISTERED_REASON_LABELS, data.get("reason"))
    if reason:
        parts.append(f"原因：{reason}。")
    disposition = label(DISPOSITION_LABELS, data.get("disposition"))
    if disposition:
        parts.append(f"处理方式：{disposition}。")
    note = _text(data, "note")
    if note:
        parts.append(f"说明：{note}")
    body = "".join(parts)
    return [
        Draft(
            recipient=recipient,
            template=TEMPLATE_PROPOSAL_NOT_REGISTERED,
            title="提案未予立案",
            body=body,
            township_id=_township(data),
        )
        for recipient in _authors(data)
    ]


def _suggestion_adopted(data: Data) -> list[Draft]:
    adoption = label(ADOPTION_LABELS, data.get("adoption"), default="已采纳")
    topic = _text(data, "topic")
    where = f"在协商活动“{topic}”中" if topic else "在协商活动中"
    text = _text(data, "text")
    what = f"提出的建议“{_excerpt(text)}”" if text else "提出的建议"
    adopted_by = _text(data, "adopted_by")
    by = f"{adopted_by}的" if adopted_by else ""
    body = f"您{where}{what}，{by}办理结果为：{adoption}。"
    return [
        Draft(
            recipient=_member(proposer),
            template=TEMPLATE_SUGGESTION_ADOPTED,
            title=f"协商建议{adoption}",
            body=body,
            township_id=_township(data),
        )
        for proposer in _unique(_ids(data.get("proposer_ids")))
    ]


def _visit_logged(data: Data) -> list[Draft]:
    township_id = _township(data)
    if township_id is None:
        return []  # no liaison group to tell
    name = _text(data, "member_name", "name")
    member_id = _text(data, "member_id")
    if name:
        who = f"委员{name}"
    elif member_id:
        who = f"委员（编号 {member_id}）"
    else:
        who = "一位委员"
    details = [
        d
        for d in (
            label(VISIT_KIND_LABELS, data.get("visit_kind")),
            f"走访日期 {_text(data, 'visit_date')}" if _text(data, "visit_date") else "",
        )
        if d
    ]
    tail = f"：{'，'.join(details)}。" if details else "。"
    return [
        Draft(
            recipient=f"township:{township_id}",
            template=TEMPLATE_VISIT_LOGGED,
            title="委员走访记录",
            body=f"{who}记录了一次走访{tail}",
            township_id=township_id,
        )
    ]


_MATRIX: dict[tuple[str, str], Callable[[Data], list[Draft]]] = {
    ("proposals", "submitted"): _proposal_submitted,
    ("proposals", "registered"): _proposal_registered,
    ("proposals", "not_registered"): _proposal_not_registered,
    ("consultation", "suggestion_adopted"): _suggestion_adopted,
    ("members", "visit_logged"): _visit_logged,
}

#: The foreign event types this module turns into notifications (`context.aggregate.name`).
HANDLED_EVENT_TYPES: tuple[str, ...] = (
    "proposals.proposal.submitted",
    "proposals.proposal.registered",
    "proposals.proposal.not_registered",
    "consultation.consultation.suggestion_adopted",
    "members.member.visit_logged",
)


def event_key(event_type: str) -> tuple[str, str] | None:
    """(context, event name) of `context.aggregate.name` or a full `ce-type`; else None."""
    text = event_type.strip()
    if text.startswith(_CE_PREFIX):
        text = text[len(_CE_PREFIX) :]
    text = _VERSION_SUFFIX.sub("", text)
    parts = text.split(".")
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[2]


def drafts_for(event_type: str, data: Mapping[str, Any] | None) -> list[Draft]:
    """Notifications a foreign event causes (empty for unknown types or unusable data)."""
    key = event_key(event_type) if isinstance(event_type, str) else None
    handler = _MATRIX.get(key) if key else None
    if handler is None or not isinstance(data, Mapping):
        return []
    return handler(data)


__all__ = [
    "EXCERPT_LENGTH",
    "HANDLED_EVENT_TYPES",
    "TEMPLATE_PROPOSAL_NOT_REGISTERED",
    "TEMPLATE_PROPOSAL_RECEIVED",
    "TEMPLATE_PROPOSAL_REGISTERED",
    "TEMPLATE_SUGGESTION_ADOPTED",
    "TEMPLATE_VISIT_LOGGED",
    "Draft",
    "drafts_for",
    "event_key",
]
