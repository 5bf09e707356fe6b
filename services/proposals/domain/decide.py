"""Deciders of the proposals context: command + state → events, or a Chinese rejection."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import cast

from shared.domain import Decider, DomainError, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .commands import (
    DeclineRegistration,
    ProposalCommand,
    RegisterProposal,
    StartReview,
    SubmitProposal,
    WithdrawProposal,
)
from .events import (
    CONTEXT,
    PROPOSAL,
    PROPOSAL_REGISTER,
    AuthorKind,
    Category,
    Disposition,
    NotRegisteredReason,
    Period,
    ProposalBody,
    ProposalNotRegistered,
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalSubmitted,
    ProposalWithdrawn,
    SerialNumberAllocated,
)
from .labels import (
    AUTHOR_KIND_LABELS,
    CATEGORY_LABELS,
    DISPOSITION_LABELS,
    PERIOD_LABELS,
    REASON_LABELS,
    choices_text,
    status_label,
)
from .state import (
    REVIEWABLE_STATUSES,
    WITHDRAWABLE_STATUSES,
    ProposalState,
    ProposalStatus,
    RegisterState,
    evolve,
    evolve_register,
    format_serial_no,
    register_id,
)

TITLE_MAX_CHARS = 100
BODY_MAX_CHARS = 2500
NOTE_MAX_CHARS = 500

proposal_decider: Decider[ProposalState] = Decider(CONTEXT, PROPOSAL, ProposalState(), evolve)
register_decider: Decider[RegisterState] = Decider(
    CONTEXT, PROPOSAL_REGISTER, RegisterState(), evolve_register
)


def member_principal(member_id: str) -> str:
    """Principal id of a member acting for themself."""
    return f"member:{member_id}"


# --- submit -------------------------------------------------------------------------------


def decide_submit_proposal(cmd: SubmitProposal, state: ProposalState) -> list[DomainEvent]:
    """提交提案 (∅ → submitted)."""
    if state.exists:
        raise Rejected(
            f"该提案已提交（当前状态为“{status_label(state.status)}”），不能重复提交",
            code="already_submitted",
        )
    if not cmd.proposal_id.strip():
        raise Invalid("缺少提案编号，请重新提交", code="proposal_id_required")

    author_kind = cast(AuthorKind, _choice(cmd.author_kind, AUTHOR_KIND_LABELS, "提案形式"))
    lead, co_authors = _authors(author_kind, cmd.lead_author_id, cmd.co_author_ids)
    title = _title(cmd.title)
    body = _body(cmd.body)
    category = cast(Category, _choice(cmd.category, CATEGORY_LABELS, "提案类别"))
    period = cast(Period, _choice(cmd.period, PERIOD_LABELS, "提案时段"))
    if cmd.term_no < 1:
        raise Invalid(f"届次必须是正整数，当前为{cmd.term_no}", code="invalid_term_no")
    if cmd.session_no < 1:
        raise Invalid(f"会次必须是正整数，当前为{cmd.session_no}", code="invalid_session_no")
    units = _suggested_units(cmd.suggested_units)
    township_id, author_townships = _author_townships(cmd, lead, co_authors)

    return [
        ProposalSubmitted(
            proposal_id=cmd.proposal_id,
            township_id=township_id,
            author_kind=author_kind,
            lead_author_id=lead,
            co_author_ids=co_authors,
            title=title,
            body=body,
            category=category,
            term_no=cmd.term_no,
            session_no=cmd.session_no,
            period=period,
            suggested_units=units,
            author_township_ids=author_townships,
            submitted_at=_utc(cmd.at),
            author_names={
                a: cmd.author_names[a] for a in author_townships if a in cmd.author_names
            },
        )
    ]


def _authors(
    author_kind: AuthorKind, lead_author_id: str, co_author_ids: list[str]
) -> tuple[str, tuple[str, ...]]:
    lead = lead_author_id.strip()
    if not lead:
        raise Invalid("请填写第一提案人", code="lead_author_required")
    co_authors = tuple(c.strip() for c in co_author_ids)
    if any(not c for c in co_authors):
        raise Invalid("联名提案人不能为空白，请删除空白项", code="blank_co_author")
    if author_kind == "individual" and co_authors:
        raise Invalid(
            "个人提案不能有联名提案人；如需联名，请将提案形式改为“联名提案”",
            code="co_authors_not_allowed",
        )
    if author_kind == "joint" and not co_authors:
        raise Invalid(
            "联名提案至少需要一名联名提案人，请添加联名提案人或将提案形式改为“个人提案”",
            code="co_authors_required",
        )
    if lead in co_authors:
        raise Invalid(
            "第一提案人不能同时列为联名提案人，请从联名提案人中删除",
            code="lead_in_co_authors",
        )
    duplicates = _duplicates(co_authors)
    if duplicates:
        raise Invalid(
            f"联名提案人重复：{'、'.join(duplicates)}，请删除重复项", code="duplicate_co_authors"
        )
    return lead, co_authors


def _title(raw: str) -> str:
    title = raw.strip()
    if not title:
        raise Invalid("案由（标题）不能为空，请按“关于……的建议”填写", code="title_required")
    if len(title) > TITLE_MAX_CHARS:
        raise Invalid(
            f"案由（标题）不能超过{TITLE_MAX_CHARS}个字，当前为{len(title)}个字，请精简",
            code="title_too_long",
        )
    return title


def _body(raw: ProposalBody) -> ProposalBody:
    body = ProposalBody(
        situation=raw.situation.strip(),
        analysis=raw.analysis.strip(),
        suggestions=raw.suggestions.strip(),
    )
    if not body.suggestions:
        raise Invalid("提案内容缺少“具体建议”部分，请写明建议后再提交", code="suggestions_required")
    if body.length() > BODY_MAX_CHARS:
        raise Invalid(
            f"提案正文（情况、分析、建议）合计不能超过{BODY_MAX_CHARS}个字，"
            f"当前为{body.length()}个字，请精简",
            code="body_too_long",
        )
    return body


def _suggested_units(raw: list[str]) -> tuple[str, ...]:
    units = tuple(u.strip() for u in raw)
    if any(not u for u in units):
        raise Invalid("建议承办单位不能为空白，请删除空白项", code="blank_suggested_unit")
    duplicates = _duplicates(units)
    if duplicates:
        raise Invalid(
            f"建议承办单位重复：{'、'.join(duplicates)}，请删除重复项",
            code="duplicate_suggested_units",
        )
    return units


def _author_townships(
    cmd: SubmitProposal, lead: str, co_authors: tuple[str, ...]
) -> tuple[str, dict[str, str]]:
    """The lead author's liaison group and each author's, all from the member projection."""
    township_id = cmd.township_id
    if township_id is None:
        raise Invalid(
            f"提案人不是已登记的委员（{lead}），请核对第一提案人，或先在委员名册中登记后再提交",
            code="unknown_lead_author",
        )
    known = cmd.author_township_ids
    if known.get(lead, township_id) != township_id:
        raise Invalid(
            "第一提案人所属联络组与委员名册不一致，请刷新页面后重新提交",
            code="inconsistent_township",
        )
    unknown = [c for c in co_authors if c not in known]
    if unknown:
        raise Invalid(
            f"联名提案人不是已登记的委员：{'、'.join(unknown)}，请核对后再提交",
            code="unknown_co_author",
        )
    return township_id, {lead: township_id, **{c: known[c] for c in co_authors}}


# --- review ---------------------------------------------------------------------------------


def decide_start_review(cmd: StartReview, state: ProposalState) -> list[DomainEvent]:
    """开始审查 (submitted → under_review)."""
    _require_existing(cmd, state)
    if state.status != ProposalStatus.SUBMITTED:
        raise Rejected(_state_message(state, "开始审查"), code="invalid_state")
    return [
        ProposalReviewStarted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            review_started_at=_utc(cmd.at),
        )
    ]


def decide_register_proposal(
    cmd: RegisterProposal, proposal_state: ProposalState, register_state: RegisterState
) -> list[tuple[str, DomainEvent]]:
    """立案 (submitted/under_review → registered), taking the next serial number.

    `register_state` is the register `register_id(term, session, period)` of the
    proposal. Returns `(aggregate_id, event)` pairs for both aggregates; the application
    appends them atomically with a concurrency check on each.
    """
    state = proposal_state
    _require_existing(cmd, state)
    if state.status not in REVIEWABLE_STATUSES:
        raise Rejected(_state_message(state, "立案"), code="invalid_state")
    category = (
        state.category
        if cmd.category is None
        else cast(Category, _choice(cmd.category, CATEGORY_LABELS, "提案类别"))
    )
    assert state.period is not None and category is not None  # set by ProposalSubmitted
    rid = register_id(state.term_no, state.session_no, state.period)
    if register_state.register_id not in ("", rid):
        raise ValueError(f"register {register_state.register_id} given for {rid}")

    seq = register_state.next_seq
    serial_no = format_serial_no(state.term_no, state.session_no, state.period, seq)
    return [
        (
            rid,
            SerialNumberAllocated(
                term_no=state.term_no,
                session_no=state.session_no,
                period=state.period,
                seq=seq,
                serial_no=serial_no,
                proposal_id=state.proposal_id,
            ),
        ),
        (
            state.proposal_id,
            ProposalRegistered(
                proposal_id=state.proposal_id,
                township_id=state.township_id,
                serial_no=serial_no,
                term_no=state.term_no,
                session_no=state.session_no,
                period=state.period,
                category=category,
                title=state.title,
                lead_author_id=state.lead_author_id,
                co_author_ids=state.co_author_ids,
                registered_at=_utc(cmd.at),
            ),
        ),
    ]


decide_register = decide_register_proposal


def decide_decline_registration(
    cmd: DeclineRegistration, state: ProposalState
) -> list[DomainEvent]:
    """不予立案 (submitted/under_review → not_registered)."""
    _require_existing(cmd, state)
    if state.status not in REVIEWABLE_STATUSES:
        raise Rejected(_state_message(state, "作不予立案处理"), code="invalid_state")
    reason = cast(NotRegisteredReason, _choice(cmd.reason, REASON_LABELS, "不予立案理由"))
    disposition = cast(Disposition, _choice(cmd.disposition, DISPOSITION_LABELS, "处理方式"))
    if disposition == "to_interim_proposal" and state.period == "interim":
        raise Invalid(
            "该提案已是平时提案，处理方式不能选“转为平时提案”，请选择其他处理方式",
            code="already_interim",
        )
    assert state.period is not None
    return [
        ProposalNotRegistered(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reason=reason,
            disposition=disposition,
            note=_optional_text(cmd.note, "说明"),
            term_no=state.term_no,
            session_no=state.session_no,
            period=state.period,
            title=state.title,
            lead_author_id=state.lead_author_id,
            co_author_ids=state.co_author_ids,
            decided_at=_utc(cmd.at),
        )
    ]


# --- withdraw -------------------------------------------------------------------------------


def decide_withdraw_proposal(cmd: WithdrawProposal, state: ProposalState) -> list[DomainEvent]:
    """撤案 by the lead author, before 交办 (submitted…registered → withdrawn)."""
    _require_existing(cmd, state)
    if cmd.actor != member_principal(state.lead_author_id):
        raise DomainError(
            "只有第一提案人本人可以撤回提案；如需撤案，请由第一提案人操作",
            kind="forbidden",
            code="not_lead_author",
        )
    if state.status not in WITHDRAWABLE_STATUSES:
        message = _state_message(state, "撤案")
        if not state.is_terminal:
            message += "；提案交办后如需撤案，请联系提案委员会"
        raise Rejected(message, code="invalid_state")
    return [
        ProposalWithdrawn(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reason=_optional_text(cmd.reason, "撤案理由"),
            serial_no=state.serial_no,
            title=state.title,
            lead_author_id=state.lead_author_id,
            co_author_ids=state.co_author_ids,
            withdrawn_at=_utc(cmd.at),
        )
    ]


# --- dispatch -------------------------------------------------------------------------------


def decide_proposal(cmd: ProposalCommand, state: ProposalState) -> list[DomainEvent]:
    """Decide any single-aggregate proposal command (立案 needs `decide_register_proposal`)."""
    match cmd:
        case SubmitProposal():
            return decide_submit_proposal(cmd, state)
        case StartReview():
            return decide_start_review(cmd, state)
        case DeclineRegistration():
            return decide_decline_registration(cmd, state)
        case WithdrawProposal():
            return decide_withdraw_proposal(cmd, state)
        case RegisterProposal():
            raise TypeError("RegisterProposal touches two aggregates: use decide_register_proposal")
        case _:
            raise TypeError(f"unknown proposal command {type(cmd).__name__}")


# --- helpers --------------------------------------------------------------------------------


def _require_existing(cmd: ProposalCommand, state: ProposalState) -> None:
    if not state.exists:
        raise NotFound("未找到该提案，请核对提案后重试", code="proposal_not_found")
    if state.proposal_id != cmd.proposal_id:
        raise ValueError(f"state of {state.proposal_id} given for {cmd.proposal_id}")


def _state_message(state: ProposalState, action: str) -> str:
    return f"提案当前状态为“{status_label(state.status)}”，不能{action}"


def _choice(value: str, labels: Mapping[str, str], what: str) -> str:
    if value in labels:
        return value
    if not value.strip():
        raise Invalid(f"请选择{what}，可选：{choices_text(labels)}", code="invalid_choice")
    raise Invalid(
        f"{what}“{value}”无效，请从以下选项中选择：{choices_text(labels)}",
        code="invalid_choice",
    )


def _optional_text(raw: str | None, what: str) -> str | None:
    text = (raw or "").strip()
    if len(text) > NOTE_MAX_CHARS:
        raise Invalid(
            f"{what}不能超过{NOTE_MAX_CHARS}个字，当前为{len(text)}个字，请精简",
            code="text_too_long",
        )
    return text or None


def _duplicates(items: tuple[str, ...]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for item in items:
        if item in seen and item not in dups:
            dups.append(item)
        seen.add(item)
    return dups


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC)
