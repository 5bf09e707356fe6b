"""The other services' events of the seeded county (no tests here): handling units,
proposals with tasks and replies, 社情民意 reports with a direct report point, and a
consultation — written with our tolerant models, as the producers would send them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.members.projections import township_foreign as pf
from services.members.projections import township_foreign_reports as rf
from services.members.projections.foreign import ConsultationHeld, Participant, SuggestionAdopted
from shared.events import DomainEvent
from tests.integration.members.helpers import YEAR

AS_OF = date(YEAR, 12, 1)
GOV, BUREAU = "chengguan-gov", "water-bureau"
P1, P2, P3, P4, P5 = (f"0190d000-0000-7000-8000-00000000000{i}" for i in range(1, 6))
R1, R2, R3 = (f"0190e000-0000-7000-8000-00000000000{i}" for i in range(1, 4))
POINT = "point-dongjie"
CONSULTATION = "0190f000-0000-7000-8000-000000000001"


def at(month: int, day: int = 1) -> datetime:
    return datetime(YEAR, month, day, 2, 0, tzinfo=UTC)


def units() -> list[tuple[str, DomainEvent, datetime]]:
    return [
        (
            GOV,
            pf.UnitRegistered(
                unit_id=GOV,
                unit_name="城关镇人民政府",
                kind="township_government",
                township_id="chengguan",
            ),
            at(1),
        ),
        (
            BUREAU,
            pf.UnitRegistered(unit_id=BUREAU, unit_name="县水利局", kind="government_department"),
            at(1),
        ),
    ]


def task(pid: str, task: str, unit: str, role: str, due: date, month: int) -> pf.TaskCreated:
    return pf.TaskCreated(
        proposal_id=pid,
        task_id=task,
        unit_id=unit,
        unit_name={GOV: "城关镇人民政府"}.get(unit, "县水利局"),
        role=role,
        assigned_at=at(month),
        due_on=due,
    )


def proposals(a: str, b: str, c: str) -> list[tuple[str, DomainEvent, datetime]]:
    def submitted(pid: str, lead: str, town: str, title: str, **more: Any) -> pf.Submitted:
        fields = {"author_kind": "individual", "author_township_ids": {lead: town}, **more}
        return pf.Submitted(
            proposal_id=pid,
            township_id=town,
            lead_author_id=lead,
            title=title,
            category="economy",
            submitted_at=at(3),
            **fields,
        )

    return [
        (
            P1,
            submitted(
                P1,
                a,
                "chengguan",
                "关于加强农田水利建设的提案",
                co_author_ids=(c,),
                author_township_ids={a: "chengguan", c: "xinzhuang"},
            ),
            at(3),
        ),
        (P1, pf.Registered(proposal_id=P1, serial_no="10-4-D001"), at(3, 10)),
        (P1, pf.Assigned(proposal_id=P1), at(4)),
        (P1, task(P1, "t1", BUREAU, "lead", date(YEAR, 7, 1), 4), at(4)),
        (P1, task(P1, "t2", GOV, "co", date(YEAR, 5, 1), 4), at(4)),
        (
            P1,
            pf.Replied(
                proposal_id=P1,
                task_id="t1",
                unit_id=BUREAU,
                result_class="A",
                result_class_label="A类（已解决或基本解决）",
                issued_at=at(6, 20),
            ),
            at(6, 20),
        ),
        (P1, pf.AllRepliesIssued(proposal_id=P1, issued_at=at(6, 20)), at(6, 20)),
        (
            P1,
            pf.ReplyEvaluated(
                proposal_id=P1, task_id="t1", unit_id=BUREAU, result_satisfaction="satisfied"
            ),
            at(7),
        ),
        (P2, submitted(P2, c, "xinzhuang", "关于城关镇农贸市场改造的提案"), at(3)),
        (P2, pf.Registered(proposal_id=P2, serial_no="10-4-D002"), at(3, 10)),
        (P2, task(P2, "t3", GOV, "sole", date(YEAR, 6, 1), 4), at(4)),
        (P3, submitted(P3, b, "chengguan", "关于规范殡葬管理的提案"), at(3)),
        (
            P3,
            pf.NotRegistered(
                proposal_id=P3, reason="out_of_jurisdiction", disposition="to_public_opinion"
            ),
            at(3, 20),
        ),
        (P3, pf.ConvertedToOpinion(proposal_id=P3, report_id=R3), at(3, 20)),
        (
            P4,
            submitted(
                P4,
                b,
                "chengguan",
                "关于建设城关镇文化广场的建议",
                author_kind="liaison_group",
                author_body=pf.BodyRef(id="chengguan", name="城关镇政协联络组"),
            ),
            at(3),
        ),
        (P5, submitted(P5, c, "xinzhuang", "关于新庄乡道路硬化的提案"), at(3)),
    ]


def reports(a: str, b: str) -> list[tuple[str, DomainEvent, datetime]]:
    return [
        (
            POINT,
            rf.PointEstablished(
                point_id=POINT,
                township_id="chengguan",
                point_name="东街社区直报点",
                kind="community",
                contact_person="刘大姐",
            ),
            at(1),
        ),
        (
            R1,
            rf.ReportSubmitted(
                report_id=R1,
                township_id="chengguan",
                serial_no="SQMY-2025-001",
                year=YEAR,
                reporter_kind="member",
                author_ids=(a,),
                author_township_ids={a: "chengguan"},
                title="关于农村饮水安全的建议",
                submitted_at=at(5),
            ),
            at(5),
        ),
        (R1, rf.ReportAccepted(report_id=R1), at(5, 5)),
        (R1, rf.ReportPublished(report_id=R1), at(5, 6)),
        (
            R1,
            rf.ReportAdopted(
                report_id=R1,
                adoption_no=1,
                level="county_party_gov",
                adopting_body="县委办",
                adopted_on=date(YEAR, 5, 10),
            ),
            at(5, 10),
        ),
        (
            R1,
            rf.ReportInstructed(
                report_id=R1,
                instruction_no=1,
                level="county_leader",
                leader="县长",
                instructed_on=date(YEAR, 5, 12),
            ),
            at(5, 12),
        ),
        (
            R2,
            rf.ReportSubmitted(
                report_id=R2,
                township_id="chengguan",
                serial_no="SQMY-2025-002",
                year=YEAR,
                reporter_kind="direct_report_point",
                direct_report_point_id=POINT,
                title="关于老旧小区加装电梯的建议",
                submitted_at=at(6),
            ),
            at(6),
        ),
        (
            R2,
            rf.ReportFeedback(
                report_id=R2, feedback_no=1, department="县住建局", received_on=date(YEAR, 7, 1)
            ),
            at(7),
        ),
        (
            R3,
            rf.ReportFromProposal(
                report_id=R3,
                township_id="chengguan",
                origin_proposal_id=P3,
                serial_no="SQMY-2025-003",
                year=YEAR,
                author_ids=(b,),
                author_township_ids={b: "chengguan"},
                title="关于规范殡葬管理的建议",
                created_at=at(3, 20),
            ),
            at(3, 20),
        ),
    ]


def consultation(a: str) -> list[tuple[str, DomainEvent]]:
    return [
        (
            CONSULTATION,
            ConsultationHeld(
                consultation_id=CONSULTATION,
                township_id="chengguan",
                type="grassroots",
                topic="农贸市场改造",
                held_on=date(YEAR, 5, 20),
                participants=(Participant(member_id=a, township_id="chengguan"),),
            ),
        ),
        (
            CONSULTATION,
            SuggestionAdopted(
                consultation_id=CONSULTATION,
                suggestion_id="s-1",
                township_id="chengguan",
                text="增设农贸市场停车位",
                topic="农贸市场改造",
                adopted_by="城关镇人民政府",
                adoption="adopted",
            ),
        ),
    ]
