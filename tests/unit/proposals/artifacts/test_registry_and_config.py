"""Every artifact event round-trips through the registry; county overrides load from TOML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.proposals.application.artifacts_config import load_artifacts_config
from services.proposals.domain.artifacts import DEFAULT_CONFIG, registry
from services.proposals.domain.artifacts import appraisal as ap
from services.proposals.domain.artifacts import assignment_slip as slip
from services.proposals.domain.artifacts import award_roll as aw
from services.proposals.domain.artifacts import feedback_form as form
from services.proposals.domain.artifacts import followup_review as fr
from services.proposals.domain.artifacts import handling_consultation as hc
from services.proposals.domain.artifacts import key_supervision as ks
from services.proposals.domain.artifacts import proposal_lead as lead
from services.proposals.domain.artifacts import supervision_slip as sup
from services.proposals.domain.artifacts import topic_guide as guide
from services.proposals.domain.artifacts import work_calendar as cal
from services.proposals.domain.calendar import WorkCalendar
from shared.events import DomainEvent, encode_body

from . import test_appraisal as t_ap
from . import test_assignment_slip as t_slip
from . import test_award_roll as t_aw
from . import test_feedback_form as t_form
from . import test_followup_review as t_fr
from . import test_handling_consultation as t_hc
from . import test_key_supervision as t_ks
from . import test_proposal_lead as t_lead
from . import test_supervision_slip as t_sup
from . import test_topic_guide as t_guide
from .helpers import ACTOR, AT, CONFIG, registered


def _story() -> list[DomainEvent]:
    ref = registered()
    days = [cal.CalendarDay(day=date(2026, 10, 1), label="国庆节")]
    add = cal.AddCalendarDays(actor=ACTOR, at=AT, year=2026, kind="holiday", days=days)
    events = cal.decide_add_calendar_days(add, cal.work_calendar_decider.initial)
    remove = cal.RemoveCalendarDays(actor=ACTOR, at=AT, year=2026, days=[date(2026, 10, 1)])
    events += cal.decide_remove_calendar_days(remove, cal.work_calendar_decider.fold(events))
    g = guide.decide_add_guide_item(t_guide.add(), guide.topic_guide_decider.initial)
    g += guide.decide_add_guide_item(t_guide.add("i2", "第二题"), guide.topic_guide_decider.fold(g))
    gone = guide.RemoveGuideItem(actor=ACTOR, at=AT, term_no=10, session_no=3, item_id="i2")
    g += guide.decide_remove_guide_item(gone, guide.topic_guide_decider.fold(g))
    g += guide.decide_publish_topic_guide(t_guide.publish(), guide.topic_guide_decider.fold(g))
    events += g
    received = lead.decide_submit_proposal_lead(t_lead.submit(), lead.proposal_lead_decider.initial)
    state = lead.proposal_lead_decider.fold(received)
    events += received
    events += lead.decide_forward_proposal_lead(
        lead.ForwardProposalLead(actor=ACTOR, at=AT, lead_id="l1"), state
    )
    events += lead.decide_decline_proposal_lead(
        lead.DeclineProposalLead(actor=ACTOR, at=AT, lead_id="l1", reason="r"), state
    )
    events += slip.decide_issue_assignment_slip(
        t_slip.issue(), slip.assignment_slip_decider.initial, ref, WorkCalendar(), CONFIG
    )
    issued = sup.decide_issue_supervision_slip(
        t_sup.issue(), sup.supervision_slip_decider.initial, ref, WorkCalendar(), CONFIG
    )
    events += issued
    events += sup.decide_answer_supervision_slip(
        t_sup.answer(), sup.supervision_slip_decider.fold(issued)
    )
    events += form.decide_return_feedback_form(
        t_form.form(), form.feedback_form_decider.initial, ref, CONFIG
    )
    a = ap.decide_hold_appraisal(t_ap.hold(), ap.appraisal_decider.initial)
    a += ap.decide_record_ballots(
        t_ap.ballots(("1", "satisfied", "abstain")), ap.appraisal_decider.fold(a)
    )
    a += ap.decide_publish_results(t_ap.publish(), ap.appraisal_decider.fold(a))
    events += a
    k = ks.decide_plan_key_supervision(t_ks.plan(), ks.key_supervision_decider.initial, ref)
    k += ks.decide_conduct_key_supervision(t_ks.conduct(), ks.key_supervision_decider.fold(k))
    k += ks.decide_file_supervision_report(t_ks.report(), ks.key_supervision_decider.fold(k))
    events += k
    events += hc.decide_record_handling_consultation(
        t_hc.record(), hc.handling_consultation_decider.initial, [ref]
    )
    f = fr.decide_start_followup_review(t_fr.start(), fr.followup_review_decider.initial)
    f += fr.decide_assess_followup_item(t_fr.assess(), fr.followup_review_decider.fold(f), ref)
    f += fr.decide_conclude_followup_review(t_fr.conclude(), fr.followup_review_decider.fold(f))
    events += f
    events += aw.decide_mark_proposal_excellent(
        t_aw.mark(), aw.award_roll_decider.initial, ref, CONFIG
    )
    events += aw.decide_commend_handling_unit(t_aw.commend(), aw.award_roll_decider.initial, CONFIG)
    return events


def test_every_event_class_occurs_and_round_trips() -> None:
    events = _story()
    assert {type(e) for e in events} == set(registry.classes.values())
    for event in events:
        assert event.context == "proposals"
        assert registry.decode(event.ce_type(), encode_body(event)) == event


def test_events_about_a_proposal_name_its_township() -> None:
    about = [e for e in _story() if hasattr(e, "proposal_id")]
    assert about and all(e.township() == "chengguan" for e in about)


def test_config_defaults_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROPOSALS_CONFIG", raising=False)
    assert load_artifacts_config() == DEFAULT_CONFIG
    assert DEFAULT_CONFIG.similar_title_threshold == 0.5
    path = tmp_path / "county.toml"
    path.write_text(
        "[lifecycle]\nreply_months = 2\n\n[artifacts]\nsimilar_title_threshold = 0.6\n"
        'feedback_dimensions = { overall = "总体评价" }\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("PROPOSALS_CONFIG", str(path))
    loaded = load_artifacts_config()
    assert loaded.similar_title_threshold == 0.6
    assert loaded.feedback_dimensions == {"overall": "总体评价"}
    assert loaded.reply_deadline_months == 3
    path.write_text("[artifacts]\nsimilar_title_threshold = 2\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_artifacts_config(path)
