"""`proposal_list` handlers for drafts, 退回, 并案, 重点提案, 交办 … 办结.

Installed into `ProposalList` by `install_lifecycle` (statements built once)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from services.proposals.domain.events_evaluation import ProposalConcluded, RehandlingOrdered
from services.proposals.domain.events_handling import ProposalAssigned, ProposalHandlingStarted
from services.proposals.domain.events_reply import ProposalAllRepliesIssued
from services.proposals.domain.events_review import (
    ProposalDesignatedKey,
    ProposalMerged,
    ProposalsMerged,
)
from services.proposals.domain.events_submission import (
    ProposalDrafted,
    ProposalDraftUpdated,
    ProposalReturnedForRevision,
)
from services.proposals.domain.model import ProposalStatus as S
from shared.events import RecordedEvent
from shared.projection import Write

from .proposal_columns import LIFECYCLE_DEFAULTS
from .proposal_rows import keyed, keyed_update

if TYPE_CHECKING:
    from .proposal_list import ProposalList

CONTENT = (
    "title",
    "category",
    "author_kind",
    "author_body_id",
    "author_body_name",
    "period",
    "township_id",
    "situation",
    "analysis",
    "suggestions",
    "suggested_units",
)


def install_lifecycle(proj: ProposalList) -> None:
    t = proj.proposals
    key = ("proposal_id",)
    stmts = {
        "content": keyed_update(t, key, *CONTENT, "last_seq"),
        "returned": keyed_update(t, key, "status", "returned_reason", "last_seq"),
        "merged": keyed_update(t, key, "status", "merged_into_id", "last_seq"),
        "key": keyed_update(t, key, "is_key", "key_leader_ids", "last_seq"),
        "assigned": keyed_update(t, key, "status", "assigned_at", "last_seq"),
        "status": keyed_update(t, key, "status", "last_seq"),
        "replied": keyed_update(t, key, "status", "replied_at", "last_seq"),
        "concluded": keyed_update(t, key, "status", "concluded_at", "conclusion", "last_seq"),
    }

    def set_(name: str, r: RecordedEvent, **values: Any) -> list[Write]:
        return keyed(stmts[name], {"proposal_id": r.aggregate_id}, last_seq=r.seq, **values)

    def drafted(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalDrafted)
        row = {
            "proposal_id": e.proposal_id,
            "serial_no": None,
            "lead_author_id": e.lead_author_id,
            "lead_author_name": e.author_names.get(e.lead_author_id),
            "status": S.DRAFT.value,
            "term_no": e.term_no,
            "session_no": e.session_no,
            **{c: None for c in _DECISION_COLUMNS},
            **LIFECYCLE_DEFAULTS,
            **_content(e),
            "last_seq": r.seq,
        }
        author = {
            "proposal_id": e.proposal_id,
            "member_id": e.lead_author_id,
            "role": "lead",
            "position": 0,
            "township_id": e.author_township_ids.get(e.lead_author_id),
            "member_name": e.author_names.get(e.lead_author_id),
        }
        return [(proj.insert_proposal, row), (proj.insert_author, author)]

    def draft_updated(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalDraftUpdated)
        return set_("content", r, **_content(e))

    def returned(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalReturnedForRevision)
        return set_("returned", r, status=S.DRAFT.value, returned_reason=e.reason)

    def merged_primary(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalsMerged)
        first = len(e.co_author_ids) - len(e.added_co_author_ids) + 1
        return [
            (
                proj.insert_author,
                {
                    "proposal_id": e.proposal_id,
                    "member_id": member_id,
                    "role": "co",
                    "position": first + index,
                    "township_id": e.author_township_ids.get(member_id),
                    "member_name": e.author_names.get(member_id),
                },
            )
            for index, member_id in enumerate(e.added_co_author_ids)
        ]

    def merged_secondary(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalMerged)
        return set_("merged", r, status=S.MERGED.value, merged_into_id=e.primary_id)

    def designated(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalDesignatedKey)
        return set_("key", r, is_key=True, key_leader_ids=list(e.supervising_leader_ids))

    def assigned(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalAssigned)
        return set_("assigned", r, status=S.ASSIGNED.value, assigned_at=e.assigned_at)

    def status(value: S) -> Any:
        return lambda r: set_("status", r, status=value.value)

    def replied(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalAllRepliesIssued)
        return set_("replied", r, status=S.REPLIED.value, replied_at=e.issued_at)

    def concluded(r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalConcluded)
        values = {"concluded_at": e.concluded_at, "conclusion": e.basis}
        return set_("concluded", r, status=S.CONCLUDED.value, **values)

    proj.on(ProposalDrafted, drafted)
    proj.on(ProposalDraftUpdated, draft_updated)
    proj.on(ProposalReturnedForRevision, returned)
    proj.on(ProposalsMerged, merged_primary)
    proj.on(ProposalMerged, merged_secondary)
    proj.on(ProposalDesignatedKey, designated)
    proj.on(ProposalAssigned, assigned)
    proj.on(ProposalHandlingStarted, status(S.IN_HANDLING))
    proj.on(ProposalAllRepliesIssued, replied)
    proj.on(RehandlingOrdered, status(S.REHANDLING))
    proj.on(ProposalConcluded, concluded)


_DECISION_COLUMNS = (
    "submitted_at",
    "review_started_at",
    "registered_at",
    "not_registered_reason",
    "disposition",
    "decision_note",
    "decided_at",
    "withdrawn_at",
    "withdrawal_reason",
)


def _content(e: ProposalDrafted | ProposalDraftUpdated) -> dict[str, Any]:
    return {
        "title": e.title,
        "category": e.category,
        "author_kind": e.author_kind,
        "author_body_id": e.author_body.id if e.author_body else None,
        "author_body_name": e.author_body.name if e.author_body else None,
        "period": e.period,
        "township_id": e.township_id,
        "situation": e.body.situation,
        "analysis": e.body.analysis,
        "suggestions": e.body.suggestions,
        "suggested_units": list(e.suggested_units),
    }
