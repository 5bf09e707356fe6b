"""assignment_slip (交办单): units & roles, default deadline, revisions, idempotence."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.proposals.domain.artifacts.assignment_slip import (
    AssignmentSlipIssued,
    IssueAssignmentSlip,
    SlipUnit,
    assignment_slip_decider,
    decide_issue_assignment_slip,
)
from services.proposals.domain.calendar import WorkCalendar

from .helpers import ACTOR, AT, CONFIG, PID, given, registered, rejected

EMPTY = assignment_slip_decider.initial
PLAIN = WorkCalendar()
LEAD = SlipUnit(unit_id="zjj", unit_name="县住建局", role="lead")
CO = SlipUnit(unit_id="hbj", unit_name="县生态环境分局", role="co")


def issue(*units: SlipUnit, **kw: Any) -> IssueAssignmentSlip:
    data: dict[str, Any] = {"supervising_leader": "李副主席", "note": ""}
    data.update(kw)
    return IssueAssignmentSlip(
        actor=ACTOR, at=AT, slip_id="s1", proposal_id=PID, units=list(units or (LEAD, CO)), **data
    )


def test_a_slip_lists_units_deadline_and_leader() -> None:
    [event] = decide_issue_assignment_slip(issue(), EMPTY, registered(), PLAIN, CONFIG)
    assert event == AssignmentSlipIssued(
        slip_id="s1",
        proposal_id=PID,
        serial_no="10-3-D001",
        proposal_title="关于加快农村生活污水治理的建议",
        township_id="chengguan",
        revision=1,
        units=(LEAD, CO),
        deadline=date(2026, 6, 2),  # three months after 2026-03-02; a Tuesday
        supervising_leader="李副主席",
        note="",
        issued_at=AT,
    )


def test_a_default_deadline_on_a_holiday_moves_to_the_next_working_day() -> None:
    dragon_boat = WorkCalendar(holidays=frozenset({date(2026, 6, 2)}))
    [event] = decide_issue_assignment_slip(issue(), EMPTY, registered(), dragon_boat, CONFIG)
    assert isinstance(event, AssignmentSlipIssued) and event.deadline == date(2026, 6, 3)


def test_reissuing_the_same_slip_changes_nothing_other_content_is_a_new_revision() -> None:
    events = decide_issue_assignment_slip(issue(), EMPTY, registered(), PLAIN, CONFIG)
    state = given(assignment_slip_decider, events)
    assert decide_issue_assignment_slip(issue(), state, registered(), PLAIN, CONFIG) == []
    moved = SlipUnit(unit_id="nyj", unit_name="县农业农村局", role="sole")
    [event] = decide_issue_assignment_slip(issue(moved), state, registered(), PLAIN, CONFIG)
    assert isinstance(event, AssignmentSlipIssued)
    assert event.revision == 2 and event.units == (moved,)


def test_separate_units_and_an_explicit_deadline() -> None:
    units = [
        SlipUnit(unit_id="a", unit_name="甲局", role="separate"),
        SlipUnit(unit_id="b", unit_name="乙局", role="separate"),
    ]
    cmd = issue(*units, deadline=date(2026, 5, 1))
    [event] = decide_issue_assignment_slip(cmd, EMPTY, registered(), PLAIN, CONFIG)
    assert isinstance(event, AssignmentSlipIssued) and event.deadline == date(2026, 5, 1)


def test_the_proposal_must_be_registered() -> None:
    with rejected("not_found", "未找到该提案，请核对提案编号后重试（p-1）"):
        decide_issue_assignment_slip(issue(), EMPTY, registered(status=None), PLAIN, CONFIG)
    with rejected(
        "conflict",
        "提案“关于加快农村生活污水治理的建议”当前状态为“审查中”，尚未立案，不能出具交办单",
    ):
        decide_issue_assignment_slip(
            issue(), EMPTY, registered(status="under_review"), PLAIN, CONFIG
        )


def test_unit_and_role_rules() -> None:
    def fails(message: str, *units: SlipUnit, **kw: Any) -> None:
        with rejected("invalid", message):
            decide_issue_assignment_slip(issue(*units, **kw), EMPTY, registered(), PLAIN, CONFIG)

    sole = SlipUnit(unit_id="s", unit_name="丙局", role="sole")
    fails("独办的提案只能有一个承办单位；多个单位请选择主办、会办或分办", sole, CO)
    fails("主办单位只能有一个，其余单位请设为会办", LEAD, LEAD.model_copy(update={"unit_id": "x"}))
    fails("有会办单位时必须指定一个主办单位", CO, CO.model_copy(update={"unit_id": "y"}))
    fails("承办单位重复：zjj，请删除重复项", LEAD, LEAD.model_copy(update={"role": "co"}))
    fails(
        "办理方式“main”无效，可选：主办（lead）、会办（co）、分办（separate）、独办（sole）",
        LEAD.model_copy(update={"role": "main"}),
    )
    fails("请填写承办单位名称", LEAD.model_copy(update={"unit_name": " "}))
    fails("办理期限（2026-03-02）应晚于交办日期（2026-03-02）", deadline=date(2026, 3, 2))
    fails("督办领导不能超过50个字，当前为51个字，请精简", supervising_leader="李" * 51)
    with rejected("invalid", "请至少填写一个承办单位"):
        cmd = IssueAssignmentSlip(actor=ACTOR, at=AT, slip_id="s1", proposal_id=PID, units=[])
        decide_issue_assignment_slip(cmd, EMPTY, registered(), PLAIN, CONFIG)
