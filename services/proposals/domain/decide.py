"""Deciders of the proposals context: the aggregates, and every decide function by name.

The rules live in one module per stage of the lifecycle: `submission`, `drafting` and
`cosigning` (§2.4 P1–P4), `review` and `decisions` (P5–P12), `assignment` (§2.5), `handling` and
`replies` (§2.6), `evaluation` (§2.7); handling units in `units`.
"""

from __future__ import annotations

from shared.domain import Decider
from shared.events import DomainEvent

from .assignment import (
    assignment_warnings,
    check_roles,
    decide_accept_task,
    decide_approve_return,
    decide_assign_proposal,
    decide_reject_return,
    decide_request_return,
)
from .commands import (
    DeclineRegistration,
    ProposalCommand,
    RegisterProposal,
    StartReview,
    SubmitProposal,
    WithdrawProposal,
)
from .common import BODY_MAX_CHARS, NOTE_MAX_CHARS, TITLE_MAX_CHARS, member_principal
from .cosigning import decide_cancel_cosign, decide_decline_cosign, decide_sign_cosign
from .decisions import (
    decide_decline_proposal,
    decide_decline_registration,
    decide_designate_key,
    decide_merge_proposals,
    decide_withdraw_proposal,
)
from .drafting import (
    decide_draft_proposal,
    decide_invite_cosigners,
    decide_submit_draft,
    decide_update_draft,
)
from .evaluation import (
    decide_conclude_proposal,
    decide_evaluate_reply,
    decide_order_rehandling,
    decide_record_evaluation_lapsed,
)
from .events import CONTEXT, PROPOSAL, PROPOSAL_REGISTER
from .handling import (
    decide_grant_extension,
    decide_rate_quality,
    decide_record_contact,
    decide_request_extension,
    decide_submit_co_opinion,
)
from .replies import (
    decide_approve_reply,
    decide_cosign_reply,
    decide_draft_reply,
    decide_reject_reply,
    decide_request_reply_cosign,
    decide_submit_reply,
)
from .review import (
    decide_record_review_opinion,
    decide_register,
    decide_register_proposal,
    decide_return_for_revision,
    decide_start_review,
)
from .state import ProposalState, RegisterState, evolve, evolve_register
from .submission import decide_submit_proposal

proposal_decider: Decider[ProposalState] = Decider(CONTEXT, PROPOSAL, ProposalState(), evolve)
register_decider: Decider[RegisterState] = Decider(
    CONTEXT, PROPOSAL_REGISTER, RegisterState(), evolve_register
)


def decide_proposal(cmd: ProposalCommand, state: ProposalState) -> list[DomainEvent]:
    """Decide a single-aggregate command of the first release (立案 needs the register)."""
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


__all__ = [
    "BODY_MAX_CHARS",
    "NOTE_MAX_CHARS",
    "TITLE_MAX_CHARS",
    "assignment_warnings",
    "check_roles",
    "decide_accept_task",
    "decide_approve_reply",
    "decide_approve_return",
    "decide_assign_proposal",
    "decide_cancel_cosign",
    "decide_conclude_proposal",
    "decide_cosign_reply",
    "decide_decline_cosign",
    "decide_decline_proposal",
    "decide_decline_registration",
    "decide_designate_key",
    "decide_draft_proposal",
    "decide_draft_reply",
    "decide_evaluate_reply",
    "decide_grant_extension",
    "decide_invite_cosigners",
    "decide_merge_proposals",
    "decide_order_rehandling",
    "decide_proposal",
    "decide_rate_quality",
    "decide_record_contact",
    "decide_record_evaluation_lapsed",
    "decide_record_review_opinion",
    "decide_register",
    "decide_register_proposal",
    "decide_reject_reply",
    "decide_reject_return",
    "decide_request_extension",
    "decide_request_reply_cosign",
    "decide_request_return",
    "decide_return_for_revision",
    "decide_sign_cosign",
    "decide_start_review",
    "decide_submit_co_opinion",
    "decide_submit_draft",
    "decide_submit_proposal",
    "decide_submit_reply",
    "decide_update_draft",
    "decide_withdraw_proposal",
    "member_principal",
    "proposal_decider",
    "register_decider",
]
