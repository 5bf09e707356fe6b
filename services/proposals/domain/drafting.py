"""Drafts and joint-proposal co-signing (DOMAIN §2.4.1 P1–P4)."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

from .commands import (
    DraftProposal,
    InviteCosigners,
    SubmitDraft,
    UpdateDraft,
)
from .common import (
    choice,
    duplicates,
    forbidden,
    member_principal,
    require_existing,
    require_status,
    today,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events import AuthorKind, Category, ProposalSubmitted
from .events_submission import (
    ProposalCosignInvited,
    ProposalDrafted,
    ProposalDraftUpdated,
)
from .labels import AUTHOR_KIND_LABELS, CATEGORY_LABELS, status_label
from .model import EDITABLE_STATUSES, CosignStatus, ProposalState, ProposalStatus
from .submission import (
    body_township,
    check_author_body,
    check_body,
    check_period,
    check_term,
    check_title,
    check_units,
)

ACTIVE_COSIGN = (CosignStatus.INVITED, CosignStatus.SIGNED)


def decide_draft_proposal(
    cmd: DraftProposal, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """起草 (∅ → draft)."""
    if state.exists:
        raise Rejected(
            f"该提案已存在（当前状态为“{status_label(state.status)}”），不能重复起草",
            code="already_exists",
        )
    kind = cast(AuthorKind, choice(cmd.author_kind, AUTHOR_KIND_LABELS, "提案形式"))
    author_body = check_author_body(kind, cmd.author_body)
    lead = cmd.lead_author_id.strip()
    if not lead:
        raise Invalid("请填写第一提案人", code="lead_author_required")
    if cmd.township_id is None:
        raise Invalid(
            f"提案人不是已登记的委员（{lead}），请核对第一提案人，或先在委员名册中登记",
            code="unknown_lead_author",
        )
    check_term(cmd.term_no, cmd.session_no)
    return [
        ProposalDrafted(
            proposal_id=cmd.proposal_id,
            township_id=body_township(kind, author_body) or cmd.township_id,
            author_kind=kind,
            author_body=author_body,
            lead_author_id=lead,
            title=check_title(cmd.title),
            body=check_body(cmd.body, complete=False),
            category=cast(Category, choice(cmd.category, CATEGORY_LABELS, "提案类别")),
            term_no=cmd.term_no,
            session_no=cmd.session_no,
            period=check_period(kind, cmd.period, config),
            suggested_units=check_units(cmd.suggested_units),
            author_township_ids={lead: cmd.township_id},
            author_names={lead: cmd.author_name} if cmd.author_name else {},
            drafted_at=utc(cmd.at),
        )
    ]


def decide_update_draft(
    cmd: UpdateDraft, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """修改草稿 (draft → draft); not while co-signers are being asked."""
    require_existing(cmd, state)
    require_lead(cmd.actor, state, cmd.by_office, "修改提案草稿")
    cosigning = state.status == ProposalStatus.COSIGNING
    hint = "；请等受邀委员答复，或撤回尚未签名的联名邀请后再修改" if cosigning else ""
    require_status(state, [ProposalStatus.DRAFT], "修改", hint)
    kind = cast(AuthorKind, choice(cmd.author_kind, AUTHOR_KIND_LABELS, "提案形式"))
    author_body = check_author_body(kind, cmd.author_body)
    if kind != "joint" and any(c.status in ACTIVE_COSIGN for c in state.cosigners):
        raise Invalid(
            f"已有委员签名或受邀联名，不能改为“{AUTHOR_KIND_LABELS[kind]}”",
            code="has_cosigners",
        )
    return [
        ProposalDraftUpdated(
            proposal_id=state.proposal_id,
            township_id=body_township(kind, author_body)
            or state.author_township_ids.get(state.lead_author_id),
            author_kind=kind,
            author_body=author_body,
            lead_author_id=state.lead_author_id,
            title=check_title(cmd.title),
            body=check_body(cmd.body, complete=False),
            category=cast(Category, choice(cmd.category, CATEGORY_LABELS, "提案类别")),
            period=check_period(kind, cmd.period, config),
            suggested_units=check_units(cmd.suggested_units),
            updated_at=utc(cmd.at),
        )
    ]


def decide_invite_cosigners(
    cmd: InviteCosigners, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """邀请联名 (draft/cosigning → cosigning), one event per invitee."""
    require_existing(cmd, state)
    require_lead(cmd.actor, state, False, "邀请联名")
    require_status(state, EDITABLE_STATUSES, "邀请联名")
    if state.author_kind != "joint":
        raise Invalid("只有联名提案可以邀请联名，请先将提案形式改为“联名提案”", code="not_joint")
    invitees = _invitees(cmd, state)
    day = today(cmd.at, config)
    deadline = cmd.deadline_on or day + timedelta(days=config.cosign_window_days)
    if deadline < day:
        raise Invalid(f"联名截止日期（{deadline}）不能早于今天（{day}）", code="deadline_past")
    return [
        ProposalCosignInvited(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            title=state.title,
            member_id=m,
            member_township_id=cmd.member_township_ids[m],
            member_name=cmd.member_names.get(m),
            deadline_on=deadline,
            invited_at=utc(cmd.at),
        )
        for m in invitees
    ]


def _invitees(cmd: InviteCosigners, state: ProposalState) -> list[str]:
    invitees = [m.strip() for m in cmd.member_ids]
    if not invitees or any(not m for m in invitees):
        raise Invalid("请选择要邀请联名的委员（不能为空白）", code="invitees_required")
    if state.lead_author_id in invitees:
        raise Invalid("第一提案人不能邀请自己联名", code="lead_invited")
    dups = duplicates(invitees)
    if dups:
        raise Invalid(f"受邀委员重复：{'、'.join(dups)}，请删除重复项", code="duplicate_invitees")
    unknown = [m for m in invitees if m not in cmd.member_township_ids]
    if unknown:
        raise Invalid(f"以下受邀人不是已登记的委员：{'、'.join(unknown)}", code="unknown_invitee")
    again = [m for m in invitees if (c := state.cosigner(m)) and c.status in ACTIVE_COSIGN]
    if again:
        raise Rejected(
            f"已邀请过或已签名：{'、'.join(again)}，无需重复邀请", code="already_invited"
        )
    return invitees


def decide_submit_draft(
    cmd: SubmitDraft, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """提交 (draft/cosigning → submitted): the signed co-signers become co-authors."""
    require_existing(cmd, state)
    require_lead(cmd.actor, state, cmd.by_office, "提交提案")
    require_status(state, EDITABLE_STATUSES, "提交")
    assert state.author_kind is not None and state.category is not None
    signed = tuple(c for c in state.cosigners if c.status == CosignStatus.SIGNED)
    if state.author_kind == "joint" and not signed:
        raise Invalid(
            "联名提案至少需要一名联名提案人签名确认；请等待受邀委员签名，"
            "或将提案形式改为“个人提案”",
            code="no_cosigner_signed",
        )
    lead = state.lead_author_id
    townships = {lead: state.author_township_ids.get(lead, "")}
    townships |= {c.member_id: c.township_id or "" for c in signed}
    return [
        ProposalSubmitted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            author_kind=state.author_kind,
            author_body=state.author_body,
            lead_author_id=lead,
            co_author_ids=tuple(c.member_id for c in signed),
            title=check_title(state.title),
            body=check_body(state.body),
            category=state.category,
            term_no=state.term_no,
            session_no=state.session_no,
            period=check_period(state.author_kind, state.period or "", config),
            suggested_units=state.suggested_units,
            author_township_ids={a: t for a, t in townships.items() if t},
            author_names={a: n for a in townships if (n := state.author_names.get(a))},
            dropped_cosigner_ids=tuple(
                c.member_id for c in state.cosigners if c.status == CosignStatus.INVITED
            ),
            submitted_at=utc(cmd.at),
        )
    ]


def require_lead(actor: str, state: ProposalState, by_office: bool, action: str) -> None:
    if by_office or actor == member_principal(state.lead_author_id):
        return
    raise forbidden(f"只有第一提案人本人可以{action}", code="not_lead_author")
