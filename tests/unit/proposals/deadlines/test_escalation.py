"""Escalated visit issues: a proposal draft or a 社情民意 report with the event's id, and
nothing when it exists already; the settings load from the county's TOML file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.proposals.config_deadlines import load_deadline_config, load_escalation_config
from services.proposals.domain import ProposalStatus, proposal_decider
from services.proposals.domain.escalation import (
    DraftFromVisit,
    EscalationConfig,
    ReportFromVisit,
    decide_draft_from_visit,
    decide_report_from_visit,
)
from services.proposals.domain.events_submission import ProposalDrafted
from services.proposals.domain.opinion import opinion_register_decider, report_decider
from services.proposals.domain.opinion.events import OpinionReportSubmitted, OpinionSerialAllocated
from services.proposals.domain.opinion.state import OpinionRegisterState, ReportState
from services.proposals.domain.state import ProposalState
from shared.domain import DomainError

AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
TEXT = "村口道路破损严重，雨天积水，群众出行不便。"


def draft_cmd(**overrides: object) -> DraftFromVisit:
    data: dict[str, object] = {
        "proposal_id": "d-1",
        "actor": "system",
        "at": AT,
        "lead_author_id": "m1",
        "author_name": "张三",
        "township_id": "chengguan",
        "title": "",
        "text": TEXT,
        "term_no": 10,
        "session_no": 4,
        "visit_id": "v-1",
        "issue_index": 0,
    }
    data.update(overrides)
    return DraftFromVisit.model_validate(data)


def report_cmd(**overrides: object) -> ReportFromVisit:
    data: dict[str, object] = {
        "report_id": "r-1",
        "actor": "system",
        "at": AT,
        "member_id": "m1",
        "member_name": "张三",
        "township_id": "chengguan",
        "visit_township_id": "xinzhuang",
        "title": "关于村口道路破损的情况反映；请尽快修复",
        "text": TEXT,
        "visit_id": "v-1",
        "issue_index": 1,
    }
    data.update(overrides)
    return ReportFromVisit.model_validate(data)


def test_a_proposal_draft_for_the_member_once() -> None:
    [drafted] = decide_draft_from_visit(draft_cmd(), ProposalState())
    assert isinstance(drafted, ProposalDrafted)
    assert (drafted.proposal_id, drafted.lead_author_id, drafted.township_id) == (
        "d-1",
        "m1",
        "chengguan",
    )
    assert drafted.title == f"关于{TEXT[:30]}的提案"
    assert (drafted.body.situation, drafted.category, drafted.period) == (
        TEXT,
        "society",
        "interim",
    )
    assert (drafted.source_channel, drafted.source_visit_id, drafted.source_issue_index) == (
        "visit",
        "v-1",
        0,
    )
    assert drafted.author_names == {"m1": "张三"}
    state = proposal_decider.fold([drafted])
    assert state.status is ProposalStatus.DRAFT
    assert decide_draft_from_visit(draft_cmd(title="另一个标题"), state) == []


def test_a_draft_needs_the_authors_township() -> None:
    with pytest.raises(DomainError) as info:
        decide_draft_from_visit(draft_cmd(township_id=None), ProposalState())
    assert info.value.message.startswith("提案人不是已登记的委员（m1）")


def test_a_report_submitted_by_the_member_once() -> None:
    pairs = decide_report_from_visit(report_cmd(), ReportState(), OpinionRegisterState())
    [(year, allocated), (report_id, submitted)] = pairs
    assert (year, report_id) == ("2026", "r-1")
    assert isinstance(allocated, OpinionSerialAllocated) and allocated.serial_no == "SQMY-2026-001"
    assert isinstance(submitted, OpinionReportSubmitted)
    assert (submitted.reporter_kind, submitted.source_channel) == ("member", "visit")
    assert submitted.author_ids == ("m1",) and submitted.author_township_ids == {"m1": "chengguan"}
    assert submitted.township_ids == ("xinzhuang",) and submitted.township_id == "chengguan"
    assert submitted.title == "关于村口道路破损的情况反映；请尽快修复"  # not refused: a draft text
    assert (submitted.source_visit_id, submitted.source_issue_index) == ("v-1", 1)
    report = report_decider.fold([submitted])
    register = opinion_register_decider.fold([allocated])
    assert decide_report_from_visit(report_cmd(), report, register) == []
    [(_, second), _] = decide_report_from_visit(
        report_cmd(report_id="r-2"), ReportState(), register
    )
    assert isinstance(second, OpinionSerialAllocated) and second.seq == 2


def test_settings_from_the_county_file(tmp_path: Path) -> None:
    path = tmp_path / "proposals.toml"
    path.write_text(
        '[deadlines]\napproaching_days = [3, 10]\nday_unit = "working"\n'
        "scan_interval_seconds = 5\n\n[escalation]\nterm_no = 11\nsession_no = 1\n",
        encoding="utf-8",
    )
    deadlines = load_deadline_config(path)
    assert (deadlines.approaching_days, deadlines.day_unit) == ((10, 3), "working")
    assert deadlines.scan_interval_seconds == 5
    escalation = load_escalation_config(path)
    assert (escalation.term_no, escalation.session_no) == (11, 1)
    empty = tmp_path / "empty.toml"
    empty.write_text("[lifecycle]\n", encoding="utf-8")
    assert load_deadline_config(empty).approaching_days == (15, 5)  # no table: defaults
    with pytest.raises(ValidationError):
        EscalationConfig.model_validate({"proposal_category": "weather"})
