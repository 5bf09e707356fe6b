"""The notification matrix (DOMAIN §8.1) for this slice: foreign event data → drafts."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.notifications.domain.labels import (
    DISPOSITION_LABELS,
    NOT_REGISTERED_REASON_LABELS,
)
from services.notifications.domain.templates import (
    HANDLED_EVENT_TYPES,
    Draft,
    drafts_for,
    event_key,
)

LEAD = "0190a0b0-0000-7000-9000-000000000001"
CO1 = "0190a0b0-0000-7000-9000-000000000002"
CO2 = "0190a0b0-0000-7000-9000-000000000003"


def proposal(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "proposal_id": "0190a0b0-0000-7000-8000-000000000010",
        "lead_author_id": LEAD,
        "co_author_ids": [CO1, CO2],
        "title": "关于加快农村生活污水治理的建议",
        "township_id": "qingshan",
    }
    data.update(overrides)
    return data


def test_submitted_gives_lead_author_a_receipt() -> None:
    assert drafts_for("proposals.proposal.submitted", proposal()) == [
        Draft(
            recipient=f"member:{LEAD}",
            template="proposal.received",
            title="提案已提交",
            body="您的提案《关于加快农村生活污水治理的建议》已提交，等待提案委员会审查。",
            township_id="qingshan",
        )
    ]


def test_submitted_without_lead_author_gives_nothing() -> None:
    assert drafts_for("proposals.proposal.submitted", proposal(lead_author_id=None)) == []


def test_registered_tells_every_author() -> None:
    data = proposal(serial_no="10-3-D045", co_author_ids=[CO1, LEAD, CO2])
    del data["title"]
    drafts = drafts_for("proposals.proposal.registered", data)
    assert [d.recipient for d in drafts] == [f"member:{LEAD}", f"member:{CO1}", f"member:{CO2}"]
    assert {d.template for d in drafts} == {"proposal.registered"}
    assert drafts[0].title == "提案已立案"
    assert drafts[0].body == "您的提案已立案，编号 10-3-D045。"
    assert drafts[0].township_id == "qingshan"


def test_registered_with_title_and_no_serial() -> None:
    (draft, *_) = drafts_for("proposals.proposal.registered", proposal())
    assert draft.body == "您的提案《关于加快农村生活污水治理的建议》已立案。"


def test_not_registered_gives_reason_and_disposition_labels() -> None:
    data = proposal(reason="vague_no_suggestion", disposition="to_public_opinion")
    drafts = drafts_for("proposals.proposal.not_registered", data)
    assert len(drafts) == 3
    body = drafts[0].body
    assert drafts[0].template == "proposal.not_registered"
    assert drafts[0].title == "提案未予立案"
    assert "未予立案" in body
    assert "原因：内容空泛、没有具体建议" in body
    assert "处理方式：转为社情民意信息" in body


def test_not_registered_unknown_codes_are_shown_raw_and_missing_ones_left_out() -> None:
    (draft, *_) = drafts_for(
        "proposals.proposal.not_registered", proposal(reason="brand_new_reason")
    )
    assert "原因：brand_new_reason" in draft.body
    assert "处理方式" not in draft.body


def test_every_reason_and_disposition_has_a_label() -> None:
    assert len(NOT_REGISTERED_REASON_LABELS) == 12
    assert set(DISPOSITION_LABELS) == {
        "to_public_opinion",
        "to_suggestion",
        "to_member_letter",
        "to_interim_proposal",
        "none",
    }


def test_suggestion_adopted_tells_each_proposer() -> None:
    data = {
        "consultation_id": "c1",
        "suggestion_id": "s1",
        "text": "建设村级污水处理站",
        "topic": "农村生活污水治理",
        "proposer_ids": [CO1, CO2, CO1],
        "township_id": "qingshan",
        "adopted_by": "县生态环境局",
        "adoption": "partially_adopted",
    }
    drafts = drafts_for("consultation.consultation.suggestion_adopted", data)
    assert [d.recipient for d in drafts] == [f"member:{CO1}", f"member:{CO2}"]
    draft = drafts[0]
    assert draft.template == "consultation.suggestion_adopted"
    assert draft.title == "协商建议部分采纳"
    assert draft.body == (
        "您在协商活动“农村生活污水治理”中提出的建议“建设村级污水处理站”，"
        "县生态环境局的办理结果为：部分采纳。"
    )
    assert draft.township_id == "qingshan"


def test_suggestion_adopted_long_text_is_shortened() -> None:
    data = {"text": "很" * 80, "proposer_ids": [CO1]}
    (draft,) = drafts_for("consultation.consultation.suggestion_adopted", data)
    assert "很" * 40 + "…" in draft.body
    assert "很" * 41 not in draft.body
    assert draft.title == "协商建议已采纳"
    assert draft.township_id is None


def test_suggestion_adopted_without_proposers_gives_nothing() -> None:
    assert drafts_for("consultation.consultation.suggestion_adopted", {"text": "x"}) == []


def test_visit_logged_tells_the_liaison_group() -> None:
    data = {
        "member_id": LEAD,
        "member_name": "张三",
        "visit_kind": "member_visits_constituents",
        "township_id": "qingshan",
        "visit_date": "2025-05-03",
    }
    assert drafts_for("members.member.visit_logged", data) == [
        Draft(
            recipient="township:qingshan",
            template="member.visit_logged",
            title="委员走访记录",
            body="委员张三记录了一次走访：委员走访界别群众，走访日期 2025-05-03。",
            township_id="qingshan",
        )
    ]


def test_visit_logged_without_name_uses_the_member_id() -> None:
    data = {"member_id": LEAD, "township_id": "qingshan"}
    (draft,) = drafts_for("members.member.visit_logged", data)
    assert draft.body == f"委员（编号 {LEAD}）记录了一次走访。"


def test_visit_logged_without_township_gives_nothing() -> None:
    assert drafts_for("members.member.visit_logged", {"member_id": LEAD}) == []


def test_full_ce_type_is_accepted() -> None:
    assert drafts_for("cn.cppcc.proposals.proposal.submitted.v1", proposal())
    assert event_key("cn.cppcc.members.member.visit_logged.v2") == ("members", "visit_logged")


def test_unknown_or_malformed_types_give_nothing() -> None:
    assert drafts_for("proposals.proposal.withdrawn", proposal()) == []
    assert drafts_for("members.member.appointed", {"township_id": "qingshan"}) == []
    assert drafts_for("", proposal()) == []
    assert drafts_for("submitted", proposal()) == []
    assert event_key("a..b") is None


def test_handled_types_all_resolve() -> None:
    for event_type in HANDLED_EVENT_TYPES:
        assert event_key(event_type) is not None


def test_tolerates_odd_field_types() -> None:
    odd = {
        "lead_author_id": 42,
        "co_author_ids": "0190-single",
        "title": None,
        "serial_no": ["x"],
        "township_id": "",
    }
    drafts = drafts_for("proposals.proposal.registered", odd)
    assert [d.recipient for d in drafts] == ["member:42", "member:0190-single"]
    assert drafts[0].body == "您的提案已立案。"
    assert drafts[0].township_id is None
    assert drafts_for("proposals.proposal.registered", None) == []
    dict_authors = {"co_author_ids": [{"member_id": CO1}, {"other": 1}, None]}
    drafts = drafts_for("proposals.proposal.not_registered", dict_authors)
    assert [d.recipient for d in drafts] == [f"member:{CO1}"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
known_keys = st.sampled_from(
    [
        "lead_author_id",
        "co_author_ids",
        "title",
        "serial_no",
        "reason",
        "disposition",
        "township_id",
        "suggestion_id",
        "text",
        "topic",
        "proposer_ids",
        "adopted_by",
        "adoption",
        "member_id",
        "member_name",
        "visit_kind",
        "visit_date",
        "note",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([*HANDLED_EVENT_TYPES, "x.y.z", "nonsense"]),
    st.dictionaries(known_keys, json_values, max_size=8),
)
def test_never_crashes_on_arbitrary_payloads(event_type: str, data: dict[str, Any]) -> None:
    for draft in drafts_for(event_type, data):
        kind, _, ident = draft.recipient.partition(":")
        assert kind and ident
        assert draft.title and draft.body
