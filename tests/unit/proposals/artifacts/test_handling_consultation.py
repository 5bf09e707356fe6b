"""proposal_handling_consultation (提案办理协商): one record for one or more proposals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.proposals.domain.artifacts.handling_consultation import (
    ConsultedProposal,
    Participant,
    ProposalHandlingConsultationHeld,
    RecordHandlingConsultation,
    decide_record_handling_consultation,
    handling_consultation_decider,
)

from .helpers import ACTOR, AT, given, registered, rejected

EMPTY = handling_consultation_decider.initial
HELD = datetime(2026, 2, 27, 2, 0, tzinfo=UTC)
P1 = registered(proposal_id="p-1")
P2 = registered(
    proposal_id="p-2", serial_no="10-3-D002", title="关于改善乡村道路的建议", township_id="hexi"
)


def record(*ids: str, **kw: Any) -> RecordHandlingConsultation:
    data: dict[str, Any] = {
        "format": "counterpart",
        "held_at": HELD,
        "participants": [
            Participant(name="张三", affiliation="提案人"),
            Participant(name="李局长", affiliation="县住建局"),
        ],
        "minutes": "双方就管网建设进度达成一致",
        "agreements": ["年内完成三个村管网接通"],
    }
    data.update(kw)
    data.setdefault("proposal_ids", list(ids or ("p-1",)))
    return RecordHandlingConsultation(actor=ACTOR, at=AT, consultation_id="c1", **data)


def test_a_consultation_about_two_proposals() -> None:
    [event] = decide_record_handling_consultation(record("p-1", "p-2"), EMPTY, [P1, P2])
    assert event == ProposalHandlingConsultationHeld(
        consultation_id="c1",
        township_id=None,  # two townships
        proposals=(
            ConsultedProposal(
                proposal_id="p-1", serial_no="10-3-D001", title=P1.title, township_id="chengguan"
            ),
            ConsultedProposal(
                proposal_id="p-2", serial_no="10-3-D002", title=P2.title, township_id="hexi"
            ),
        ),
        format="counterpart",
        held_at=HELD,
        participants=(
            Participant(name="张三", affiliation="提案人"),
            Participant(name="李局长", affiliation="县住建局"),
        ),
        minutes="双方就管网建设进度达成一致",
        agreements=("年内完成三个村管网接通",),
    )
    assert given(handling_consultation_decider, [event]).recorded


def test_one_township_is_carried_on_the_event() -> None:
    [event] = decide_record_handling_consultation(record(format="thematic"), EMPTY, [P1])
    assert isinstance(event, ProposalHandlingConsultationHeld) and event.township_id == "chengguan"


def test_rejections() -> None:
    def fails(kind: str, message: str, cmd: RecordHandlingConsultation, refs: list[Any]) -> None:
        with rejected(kind, message):
            decide_record_handling_consultation(cmd, EMPTY, refs)

    fails("invalid", "请至少选择一件协商的提案", record(proposal_ids=[]), [])
    fails("invalid", "提案重复：p-1，请删除重复项", record("p-1", "p-1"), [P1, P1])
    fails(
        "invalid",
        "协商形式“online”无效，可选：专题协商（thematic）、对口协商（counterpart）、提案办理协商（handling）",
        record(format="online"),
        [P1],
    )
    fails(
        "invalid",
        "协商时间不能晚于登记时间，请在协商结束后登记",
        record(held_at=datetime(2026, 3, 3, tzinfo=UTC)),
        [P1],
    )
    fails("invalid", "请填写参加协商的人员", record(participants=[]), [P1])
    fails("invalid", "请填写协商纪要", record(minutes=" "), [P1])
    fails("invalid", "请填写协商达成的共识", record(agreements=[""]), [P1])
    fails(
        "conflict",
        "提案“关于加快农村生活污水治理的建议”当前状态为“不予立案”，尚未立案，不能登记办理协商",
        record(),
        [registered(status="not_registered")],
    )
    with rejected("conflict", "该协商记录已登记，请勿重复提交"):
        done = given(
            handling_consultation_decider,
            decide_record_handling_consultation(record(), EMPTY, [P1]),
        )
        decide_record_handling_consultation(record(), done, [P1])
