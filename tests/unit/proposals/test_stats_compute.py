"""Statistics computed from facts (pure): on-time replies against the deadline carried by
the events, re-handled replies, returned tasks, zero denominators, township attribution,
the compilation's order and text, and the Chinese session label."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from services.proposals.application.stats import answers, compute, on_time, tally
from services.proposals.application.stats_compilation import compilation
from services.proposals.application.stats_facts import (
    AuthorFact,
    Facts,
    ProposalFact,
    ReplyFact,
    Scope,
    TaskFact,
)
from services.proposals.application.stats_labels import chinese_number, percent, session_label
from services.proposals.domain.config import ZHEJIANG_RESULT_CLASSES

DEADLINE = datetime(2026, 6, 30, 15, 59, 59, tzinfo=UTC)


def task(task_id: str = "t1", role: str = "sole", **kw: object) -> TaskFact:
    data: dict[str, object] = {
        "task_id": task_id,
        "unit_id": f"u-{task_id}",
        "unit_name": f"单位{task_id}",
        "role": role,
        "returned": False,
        "deadline_at": DEADLINE,
        "first_replied_at": DEADLINE - timedelta(days=1),
        "face_to_face": 0,
    }
    data.update(kw)
    return TaskFact(**data)  # type: ignore[arg-type]


def proposal(pid: str = "p1", **kw: object) -> ProposalFact:
    data: dict[str, object] = {
        "proposal_id": pid,
        "serial_no": "10-3-D001",
        "title": "关于加快农村生活污水治理的建议",
        "category": "ecology",
        "author_kind": "individual",
        "status": "replied",
        "period": "plenary",
        "township_id": "chengguan",
        "author_body_name": None,
        "registered": True,
        "is_key": False,
        "disposition": None,
        "replied": True,
        "authors": (AuthorFact("m1", "chengguan", "张三"),),
        "tasks": (task(),),
        "replies": (ReplyFact("t1", 1, "A", "satisfied"),),
    }
    data.update(kw)
    return ProposalFact(**data)  # type: ignore[arg-type]


def test_a_first_reply_after_the_deadline_is_not_on_time() -> None:
    assert on_time(proposal())
    assert on_time(proposal(tasks=(task(first_replied_at=DEADLINE),)))
    late = task(first_replied_at=DEADLINE + timedelta(seconds=1))
    assert not on_time(proposal(tasks=(late,)))
    # every replying unit counts; a co-handler does not; a returned task does not
    assert not on_time(proposal(tasks=(task(), replace(late, task_id="t2"))))
    assert on_time(proposal(tasks=(task(), replace(late, task_id="t2", role="co"))))
    assert on_time(proposal(tasks=(task(), replace(late, task_id="t2", returned=True))))
    assert not on_time(proposal(replied=False))


def test_the_latest_reply_and_the_latest_verdict_count() -> None:
    rehandled = proposal(
        replies=(
            ReplyFact("t1", 1, "C", "dissatisfied"),
            ReplyFact("t1", 2, "B", None),
        )
    )
    assert answers(rehandled) == [("B", "dissatisfied")]
    judged = replace(rehandled, replies=(*rehandled.replies, ReplyFact("t1", 3, "A", "satisfied")))
    assert answers(judged) == [("A", "satisfied")]
    counts = tally([judged], ["m1", "m2"]).counts
    assert (counts["answers"], counts["satisfied"], counts["dissatisfied"]) == (1, 1, 0)
    assert (counts["participating_members"], counts["members"]) == (1, 2)


def test_rates_without_a_denominator_have_no_value() -> None:
    empty = tally([], [])
    assert all(rate.value is None for rate in empty.rates)
    assert percent(None) == "—" and percent(0.6667) == "66.7%"


def test_a_liaison_groups_proposal_counts_for_its_township() -> None:
    group = proposal(
        "p2",
        author_kind="liaison_group",
        township_id="dongcun",
        author_body_name="东村联络组",
        authors=(AuthorFact("m1", "chengguan", "张三"),),
    )
    facts = Facts(proposals=(group,), members=(("m1", "chengguan"), ("m9", "dongcun")))
    stats = compute(facts, Scope(term_no=10, session_no=3), ZHEJIANG_RESULT_CLASSES)
    townships = dict(stats.townships)
    assert townships["dongcun"].counts["received"] == 1
    assert townships["dongcun"].counts["collective"] == 1
    assert townships["chengguan"].counts["received"] == 1
    assert stats.tally.counts["collective"] == 1
    assert [s.code for s in stats.result_classes] == ["A", "B", "C"]


def test_compilation_lists_registered_proposals_in_serial_order() -> None:
    rows = compilation(
        [
            proposal("p3", serial_no="10-3-P001", period="interim"),
            proposal("p2", serial_no="10-3-D010"),
            proposal("p1", serial_no="10-3-D002", status="withdrawn"),
            proposal("p4", serial_no="10-3-D009", author_body_name="民进县委会", replies=()),
            proposal("p5", serial_no=None, registered=False, status="not_registered"),
        ]
    )
    assert [r.serial_no for r in rows] == ["10-3-D009", "10-3-D010", "10-3-P001"]
    assert rows[0].authors == "民进县委会（张三）"
    assert (rows[0].result_class, rows[0].satisfaction) == ("—", "—")
    assert rows[1].cells()[3:] == ("生态文明建设", "已答复", "单位t1（独办）", "A类", "满意")


def test_session_labels_are_in_chinese_numerals() -> None:
    assert [chinese_number(n) for n in (1, 10, 13, 20, 21, 99)] == [
        "一",
        "十",
        "十三",
        "二十",
        "二十一",
        "九十九",
    ]
    assert session_label(10, 3) == "十届三次会议"
