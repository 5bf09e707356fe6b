"""key_proposal_supervision (重点提案督办): plan → conduct (repeatable) → report."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.proposals.domain.artifacts.key_supervision import (
    ConductKeySupervision,
    FileSupervisionReport,
    KeySupervisionState,
    PlanKeySupervision,
    SupervisionConducted,
    SupervisionPlanned,
    SupervisionReportFiled,
    decide_conduct_key_supervision,
    decide_file_supervision_report,
    decide_plan_key_supervision,
    key_supervision_decider,
)

from .helpers import ACTOR, AT, PID, given, registered, rejected

EMPTY = key_supervision_decider.initial


def plan(**kw: Any) -> PlanKeySupervision:
    data: dict[str, Any] = {
        "supervising_leader": "王主席",
        "modes": ["site_inspection", "symposium"],
        "planned_on": date(2026, 4, 15),
        "plan": "四月中旬实地视察污水处理站",
    }
    data.update(kw)
    return PlanKeySupervision(actor=ACTOR, at=AT, supervision_id="k1", proposal_id=PID, **data)


def conduct(**kw: Any) -> ConductKeySupervision:
    data: dict[str, Any] = {
        "mode": "site_inspection",
        "held_on": date(2026, 3, 1),
        "participants": ["王主席", "县住建局 张局长"],
        "findings": "三个村管网未接通",
    }
    data.update(kw)
    return ConductKeySupervision(actor=ACTOR, at=AT, supervision_id="k1", **data)


def report(text: str = "督办取得阶段性成效") -> FileSupervisionReport:
    return FileSupervisionReport(actor=ACTOR, at=AT, supervision_id="k1", report=text)


def planned() -> KeySupervisionState:
    return given(key_supervision_decider, decide_plan_key_supervision(plan(), EMPTY, registered()))


def test_plan_conduct_twice_and_report() -> None:
    [p] = decide_plan_key_supervision(plan(), EMPTY, registered())
    assert p == SupervisionPlanned(
        supervision_id="k1",
        proposal_id=PID,
        township_id="chengguan",
        serial_no="10-3-D001",
        proposal_title="关于加快农村生活污水治理的建议",
        supervising_leader="王主席",
        modes=("site_inspection", "symposium"),
        planned_on=date(2026, 4, 15),
        plan="四月中旬实地视察污水处理站",
    )
    state = given(key_supervision_decider, [p])
    [c1] = decide_conduct_key_supervision(conduct(), state)
    assert c1 == SupervisionConducted(
        supervision_id="k1",
        proposal_id=PID,
        township_id="chengguan",
        mode="site_inspection",
        held_on=date(2026, 3, 1),
        participants=("王主席", "县住建局 张局长"),
        findings="三个村管网未接通",
    )
    state = key_supervision_decider.fold([c1], state)
    state = key_supervision_decider.fold(
        decide_conduct_key_supervision(conduct(mode="symposium"), state), state
    )
    assert state.activities == 2
    [r] = decide_file_supervision_report(report(), state)
    assert r == SupervisionReportFiled(
        supervision_id="k1",
        proposal_id=PID,
        township_id="chengguan",
        report="督办取得阶段性成效",
        filed_at=AT,
    )


def test_plan_rejections() -> None:
    with rejected("invalid", "请至少选择一种督办方式"):
        decide_plan_key_supervision(plan(modes=[]), EMPTY, registered())
    with rejected("invalid", "督办方式重复：research，请删除重复项"):
        decide_plan_key_supervision(plan(modes=["research", "research"]), EMPTY, registered())
    with rejected(
        "invalid",
        "督办方式“call”无效，可选：协商座谈（symposium）、专题调研（research）、实地视察（site_inspection）、"
        "调度办理情况（progress_dispatch）、督办会议（supervision_meeting）、走访承办单位（unit_visit）",
    ):
        decide_plan_key_supervision(plan(modes=["call"]), EMPTY, registered())
    with rejected("invalid", "请填写督办领导"):
        decide_plan_key_supervision(plan(supervising_leader=""), EMPTY, registered())
    with rejected("not_found", "未找到该提案，请核对提案编号后重试（p-1）"):
        decide_plan_key_supervision(plan(), EMPTY, registered(status=None))
    with rejected("conflict", "该督办计划已登记，请勿重复提交"):
        decide_plan_key_supervision(plan(), planned(), registered())


def test_conduct_and_report_rejections() -> None:
    with rejected("not_found", "未找到该督办记录，请核对编号"):
        decide_conduct_key_supervision(conduct(), EMPTY)
    with rejected("invalid", "督办活动日期（2026-03-03）不能晚于今天"):
        decide_conduct_key_supervision(conduct(held_on=date(2026, 3, 3)), planned())
    with rejected("invalid", "请填写参加督办活动的人员"):
        decide_conduct_key_supervision(conduct(participants=[]), planned())
    with rejected("invalid", "请填写督办发现的问题和意见"):
        decide_conduct_key_supervision(conduct(findings=""), planned())
    with rejected("conflict", "尚未记录督办活动，请先记录督办活动再报送督办报告"):
        decide_file_supervision_report(report(), planned())
    state = planned()
    state = key_supervision_decider.fold(decide_conduct_key_supervision(conduct(), state), state)
    with rejected("invalid", "请填写督办情况报告"):
        decide_file_supervision_report(report(""), state)
    closed = key_supervision_decider.fold(decide_file_supervision_report(report(), state), state)
    with rejected("conflict", "督办报告已报送，督办工作已结束，不能记录督办活动"):
        decide_conduct_key_supervision(conduct(), closed)
    with rejected("conflict", "督办报告已报送，督办工作已结束，不能再次报送督办报告"):
        decide_file_supervision_report(report(), closed)
