"""Contract of the lifecycle events: types and subjects, JSON round trip through the
registry, the township header, and a Chinese label for each (the audit history)."""

from __future__ import annotations

from datetime import date

from services.proposals.domain import RegisterState, registry
from services.proposals.domain.commands import (
    CancelCosignInvitation,
    DeclineCosign,
    DesignateKeyProposal,
    DraftProposal,
    InviteCosigners,
    MergeProposals,
    RecordReviewOpinion,
    ReturnForRevision,
    SignCosign,
    SubmitDraft,
    UpdateDraft,
)
from services.proposals.domain.commands_handling import (
    ApproveReturn,
    GrantExtension,
    RateProposalQuality,
    RecordEvaluationLapsed,
    RecordHandlingContact,
    RejectReply,
    RejectReturn,
    RequestExtension,
    RequestReturn,
    UnitAssignment,
)
from services.proposals.domain.decide import (
    decide_approve_return,
    decide_cancel_cosign,
    decide_decline_cosign,
    decide_decline_proposal,
    decide_designate_key,
    decide_draft_proposal,
    decide_grant_extension,
    decide_invite_cosigners,
    decide_merge_proposals,
    decide_rate_quality,
    decide_record_contact,
    decide_record_evaluation_lapsed,
    decide_record_review_opinion,
    decide_register_proposal,
    decide_reject_reply,
    decide_reject_return,
    decide_request_extension,
    decide_request_return,
    decide_return_for_revision,
    decide_sign_cosign,
    decide_start_review,
    decide_submit_draft,
    decide_update_draft,
    decide_withdraw_proposal,
)
from services.proposals.domain.labels_events import EVENT_LABELS
from services.proposals.domain.units import HandlingUnitEvent
from shared.events import DomainEvent, EventMeta, ce_headers, encode_body, subject_for

from .helpers import (
    AT,
    CLERK,
    CO1,
    CO2,
    LEAD,
    PID,
    TOWNSHIPS,
    decline_cmd,
    given,
    register_cmd,
    start_review_cmd,
    submitted,
    withdraw_cmd,
)
from .lifecycle import CAL, UNITS, Story, at, task
from .test_calendar_config_units import register as unit_cmd

ME = f"member:{LEAD}"


def drafting_events() -> list[DomainEvent]:
    from .test_drafting import draft_cmd, update_cmd

    story = Story()
    story.do(decide_draft_proposal, DraftProposal(**draft_cmd().model_dump()))
    story.do(decide_update_draft, UpdateDraft(**update_cmd().model_dump()))
    invite = InviteCosigners(
        proposal_id=PID,
        actor=ME,
        at=AT,
        member_ids=[CO1, CO2, "m3"],
        member_township_ids={**TOWNSHIPS, "m3": "hexi"},
    )
    story.do(decide_invite_cosigners, invite)
    story.do(
        decide_sign_cosign, SignCosign(proposal_id=PID, actor=f"member:{CO1}", at=AT, member_id=CO1)
    )
    story.do(
        decide_decline_cosign,
        DeclineCosign(proposal_id=PID, actor=f"member:{CO2}", at=AT, member_id=CO2),
    )
    story.do(
        decide_cancel_cosign,
        CancelCosignInvitation(proposal_id=PID, actor=ME, at=AT, member_id="m3"),
    )
    story.do(decide_submit_draft, SubmitDraft(proposal_id=PID, actor=ME, at=AT))
    story.do(decide_start_review, start_review_cmd())
    story.do(
        decide_record_review_opinion,
        RecordReviewOpinion(
            proposal_id=PID, actor=CLERK, at=AT, stage="first_review", opinion="可"
        ),
    )
    story.do(
        decide_return_for_revision,
        ReturnForRevision(proposal_id=PID, actor=CLERK, at=AT, reason="补充"),
    )
    return story.events


def handling_events() -> list[DomainEvent]:
    story = Story.registered()
    story.do(
        decide_designate_key,
        DesignateKeyProposal(proposal_id=PID, actor=CLERK, at=AT, supervising_leader_ids=["c1"]),
    )
    story.assign(("zhujianju", "lead"), ("huanbao", "co"), ("jiaotong", "co"))
    story.do(decide_request_return, RequestReturn(**task("t3"), reason="不属本单位职责"))
    story.do(
        decide_approve_return,
        ApproveReturn(**task("t3"), reassign_to=[UnitAssignment(unit_id="caizheng", role="co")]),
        UNITS,
        CAL,
    )
    story.do(decide_request_return, RequestReturn(**task("t4"), reason="x"))
    story.do(decide_reject_return, RejectReturn(**task("t4"), reason="属本单位职责"))
    for t in ("t1", "t2"):
        story.accept(t)
    story.co_opinion("t2")
    story.do(
        decide_record_contact,
        RecordHandlingContact(
            **task("t1"), kind="pre", mode="phone", contacted_on=date(2024, 1, 15)
        ),
    )
    story.do(decide_request_extension, RequestExtension(**task("t1"), reason="调研"))
    story.do(decide_grant_extension, GrantExtension(**task("t1")))
    story.do(decide_rate_quality, RateProposalQuality(**task("t1"), quality="excellent"))
    story.draft("t1")
    story.request_cosign("t1")
    story.cosign("t2")
    story.cosign("t4")
    story.submit_reply("t1")
    story.do(decide_reject_reply, RejectReply(**task("t1"), reason="未逐条答复"))
    story.draft("t1")
    story.request_cosign("t1")
    story.cosign("t2")
    story.cosign("t4")
    story.submit_reply("t1")
    story.approve("t1")
    story.evaluate("t1-1", "dissatisfied")
    story.draft("t1")
    story.request_cosign("t1")
    story.cosign("t2")
    story.cosign("t4")
    story.submit_reply("t1")
    story.approve("t1")
    lapse = RecordEvaluationLapsed(proposal_id=PID, actor="system", at=at(40), reply_id="t1-2")
    story.do(decide_record_evaluation_lapsed, lapse)
    return story.events


def other_events() -> list[tuple[str, DomainEvent]]:
    from .test_review_lifecycle import OTHER, other_state

    primary = Story.registered().state
    merge = MergeProposals(proposal_id=PID, actor=CLERK, at=AT, secondary_ids=[OTHER])
    pairs = decide_merge_proposals(merge, primary, [other_state()])
    declined = []
    for disposition in ("to_public_opinion", "to_suggestion", "to_member_letter"):
        cmd = decline_cmd(disposition=disposition, opinion_report_id="r-1")
        declined += decide_decline_proposal(cmd, given(submitted()))
    from services.proposals.domain.units import (
        DeactivateHandlingUnit,
        HandlingUnitState,
        RenameHandlingUnit,
        decide_deactivate_unit,
        decide_register_unit,
        decide_rename_unit,
        unit_decider,
    )

    [registered] = decide_register_unit(unit_cmd(), HandlingUnitState())
    state = unit_decider.fold([registered])
    units = [
        registered,
        *decide_rename_unit(
            RenameHandlingUnit(unit_id="zhujianju", actor="a", at=AT, name="住建局"), state
        ),
        *decide_deactivate_unit(
            DeactivateHandlingUnit(unit_id="zhujianju", actor="a", at=AT), state
        ),
    ]
    withdrawn = decide_withdraw_proposal(withdraw_cmd(), given(submitted()))
    pairs += [(PID, e) for e in declined + withdrawn]
    pairs += [("zhujianju", e) for e in units]
    return pairs


def all_samples() -> list[tuple[str, DomainEvent]]:
    register = decide_register_proposal(register_cmd(), given(submitted()), RegisterState())
    return [
        *[(PID, e) for e in drafting_events() + handling_events()],
        *other_events(),
        *register,
    ]


def proposal_classes() -> set[type[DomainEvent]]:
    """This module's events (not the reports' or artifacts' sub-packages)."""
    return {c for c in registry.classes.values() if c.__module__.count(".") == 3}


def test_samples_cover_every_proposal_event_class() -> None:
    seen = {type(e) for _, e in all_samples()}
    assert proposal_classes() - seen == set()


def test_every_event_round_trips_and_carries_the_township() -> None:
    meta = EventMeta(event_id="e1", time=AT, actor=CLERK)
    for aggregate_id, event in all_samples():
        assert registry.decode(event.ce_type(), encode_body(event)) == event
        subject = subject_for(type(event), aggregate_id)
        assert subject == f"cppcc.proposals.{event.aggregate}.{aggregate_id}.{event.name}"
        headers = ce_headers(event, meta, aggregate_id)
        if event.aggregate == "proposal":
            assert headers["ce-township"] in ("chengguan", "xinzhuang"), event
        if isinstance(event, HandlingUnitEvent):
            assert "ce-township" not in headers


def test_every_proposal_event_has_a_chinese_label() -> None:
    names = {c.name for c in proposal_classes() if c.aggregate == "proposal"}
    assert names <= set(EVENT_LABELS), names - set(EVENT_LABELS)


def test_event_types() -> None:
    from services.proposals.domain.events_review import ProposalConvertedToPublicOpinion

    assert ProposalConvertedToPublicOpinion.ce_type() == (
        "cn.cppcc.proposals.proposal.converted_to_public_opinion.v1"
    )
    assert HandlingUnitEvent.aggregate == "handling_unit"
