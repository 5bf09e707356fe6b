"""Builders for 社情民意 commands and given-state, shared by the unit tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from services.proposals.domain.opinion import (
    AcceptReport,
    OpinionRegisterState,
    PointState,
    ReportBody,
    ReportState,
    StartEditing,
    SubmitReport,
    decide_accept_report,
    decide_start_editing,
    decide_submit_report,
    opinion_register_decider,
    point_decider,
    report_decider,
)
from shared.events import DomainEvent

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
RID = "0190f3a2-7c1e-7000-8000-0000000000a1"
EDITOR = "editor-1"
TOWNSHIPS = {"m1": "chengguan", "m2": "xinzhuang"}


def body(**overrides: str) -> ReportBody:
    data = {
        "situation": "部分行政村留守老人就餐困难。",
        "analysis": "助餐点经费不稳定。",
        "suggestions": "建议纳入财政补助。",
    }
    data.update(overrides)
    return ReportBody(**data)


def submit_cmd(**overrides: Any) -> SubmitReport:
    data: dict[str, Any] = {
        "report_id": RID,
        "actor": "member:m1",
        "at": AT,
        "reporter_kind": "member",
        "author_ids": ["m1"],
        "title": "关于农村留守老人助餐服务不足的情况反映",
        "body": body(),
        "info_nature": "emerging_issue",
        "category": "society",
        "source_channel": "visit",
        "township_ids": ["chengguan"],
        "author_township_ids": dict(TOWNSHIPS),
        "author_names": {"m1": "张三"},
    }
    data.update(overrides)
    return SubmitReport(**data)


def submitted_pairs(
    cmd: SubmitReport | None = None,
    register: OpinionRegisterState | None = None,
    point: PointState | None = None,
) -> list[tuple[str, DomainEvent]]:
    return decide_submit_report(
        cmd or submit_cmd(), ReportState(), register or OpinionRegisterState(), point
    )


def only_report(pairs: Sequence[tuple[str, DomainEvent]], rid: str = RID) -> list[DomainEvent]:
    return [e for aid, e in pairs if aid == rid]


def given(events: Sequence[DomainEvent]) -> ReportState:
    return report_decider.fold(events)


def submitted(cmd: SubmitReport | None = None) -> list[DomainEvent]:
    return only_report(submitted_pairs(cmd), (cmd or submit_cmd()).report_id)


def in_editing(cmd: SubmitReport | None = None) -> list[DomainEvent]:
    events = submitted(cmd)
    rid = (cmd or submit_cmd()).report_id
    start = StartEditing(report_id=rid, actor=EDITOR, at=AT)
    return events + decide_start_editing(start, given(events))


def accepted(
    cmd: SubmitReport | None = None, use_mode: str = "single_article"
) -> list[DomainEvent]:
    events = in_editing(cmd)
    rid = (cmd or submit_cmd()).report_id
    accept = AcceptReport(report_id=rid, actor=EDITOR, at=AT, use_mode=use_mode)
    return events + decide_accept_report(accept, given(events))


def cmd(cls: type[Any], rid: str = RID, **fields: Any) -> Any:
    """Any report command with the usual id, actor and time."""
    return cls(report_id=rid, actor=EDITOR, at=AT, **fields)


def register_after(events: Sequence[DomainEvent]) -> OpinionRegisterState:
    return opinion_register_decider.fold(events)


def point_after(events: Sequence[DomainEvent]) -> PointState:
    return point_decider.fold(events)
