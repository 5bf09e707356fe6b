"""Event contract of the 社情民意 aggregates, code-list labels, and the conversion policy's
command (built from the cause alone, so a replay asks for the same report)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, get_args

import pytest

from services.proposals.application.opinion_policy import (
    CONVERSION_EVENT,
    OpinionFromProposal,
    conversion_command,
    policy_registry,
)
from services.proposals.domain.opinion import (
    BULLETIN_EVENTS,
    POINT_EVENTS,
    REPORT_EVENTS,
    BulletinNumberAllocated,
    OpinionSerialAllocated,
    ProposalConvertedToPublicOpinion,
    labels,
    registry,
)
from services.proposals.domain.opinion import events as ev
from services.proposals.domain.opinion.bulletin_events import ItemMode, Series
from services.proposals.domain.opinion.conversion import ConvertedBody
from services.proposals.domain.opinion.point_events import PointKind
from shared.events import EventMeta, RecordedEvent, encode_body, subject_for
from shared.ids import stable_id

from .builders import accepted


def test_registry_holds_every_event_class_and_nothing_foreign() -> None:
    assert set(registry.classes.values()) == {
        *REPORT_EVENTS,
        *BULLETIN_EVENTS,
        *POINT_EVENTS,
        OpinionSerialAllocated,
        BulletinNumberAllocated,
    }
    assert all(cls.context == "proposals" for cls in registry.classes.values())
    assert ProposalConvertedToPublicOpinion not in registry.classes.values()


def test_events_round_trip_and_name_their_subject() -> None:
    for event in accepted():
        assert registry.decode(event.ce_type(), encode_body(event)) == event
    assert (
        subject_for(ev.OpinionReportAccepted, "r1") == "cppcc.proposals.opinion_report.r1.accepted"
    )
    assert ev.OpinionReportSubmitted.ce_type() == "cn.cppcc.proposals.opinion_report.submitted.v1"


@pytest.mark.parametrize(
    ("codes", "mapping"),
    [
        (ev.ReporterKind, labels.REPORTER_KIND_LABELS),
        (ev.InfoNature, labels.INFO_NATURE_LABELS),
        (ev.ReportCategory, labels.CATEGORY_LABELS),
        (ev.Urgency, labels.URGENCY_LABELS),
        (ev.SourceChannel, labels.SOURCE_CHANNEL_LABELS),
        (ev.UseMode, labels.USE_MODE_LABELS),
        (ev.AdoptionLevel, labels.ADOPTION_LEVEL_LABELS),
        (ev.UpwardLevel, labels.UPWARD_LEVEL_LABELS),
        (ev.InstructionLevel, labels.INSTRUCTION_LEVEL_LABELS),
        (Series, labels.SERIES_LABELS),
        (ItemMode, labels.ITEM_MODE_LABELS),
        (PointKind, labels.POINT_KIND_LABELS),
    ],
)
def test_every_code_has_a_chinese_label(codes: Any, mapping: dict[str, str]) -> None:
    assert set(get_args(codes)) == set(mapping)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in mapping.values())


def _cause(event_id: str, **overrides: object) -> RecordedEvent:
    data: dict[str, object] = {
        "proposal_id": "p-1",
        "report_id": stable_id("p-1", "opinion_report"),
        "title": "关于规范校外培训收费的建议",
        "body": ConvertedBody(situation="情况", suggestions="建议"),
        "category": "society",
        "lead_author_id": "m1",
        "co_author_ids": ("m2",),
        "township_id": "chengguan",
        "term_no": 10,
        "session_no": 3,
        "routed_at": datetime(2026, 5, 1, tzinfo=UTC),
    }
    data.update(overrides)
    event = ProposalConvertedToPublicOpinion(**data)
    meta = EventMeta(event_id, datetime(2026, 5, 1, tzinfo=UTC), "staff-1")
    return RecordedEvent(event, meta, "p-1", "s", "PROPOSALS", 7)


def test_policy_reacts_to_the_conversion_event_and_builds_a_deterministic_command() -> None:
    assert policy_registry.resolve(ProposalConvertedToPublicOpinion.ce_type()) is CONVERSION_EVENT
    assert policy_registry.resolve("cn.cppcc.proposals.opinion_report.submitted.v1") is not None
    cause = _cause("e1").event
    decoded = policy_registry.decode(cause.ce_type(), encode_body(cause))
    assert decoded is not None and OpinionFromProposal(dialect="sqlite").handles(decoded)
    first, again = conversion_command(_cause("e1")), conversion_command(_cause("e2"))
    assert first == again  # a duplicate cause asks for the same report
    assert first.report_id == stable_id("p-1", "opinion_report")
    assert first.author_ids == ["m1", "m2"] and first.origin_proposal_id == "p-1"
    unsafe = conversion_command(_cause("e3", report_id="a.b"))
    assert unsafe.report_id == stable_id("p-1", "opinion_report")
