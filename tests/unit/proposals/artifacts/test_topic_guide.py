"""topic_guide: items, removal, publication; a published guide is closed."""

from __future__ import annotations

from services.proposals.domain.artifacts.topic_guide import (
    AddGuideItem,
    PublishTopicGuide,
    RemoveGuideItem,
    TopicGuideItemAdded,
    TopicGuideItemRemoved,
    TopicGuidePublished,
    decide_add_guide_item,
    decide_publish_topic_guide,
    decide_remove_guide_item,
    guide_id,
    topic_guide_decider,
)

from .helpers import ACTOR, AT, given, rejected

EMPTY = topic_guide_decider.initial


def add(item_id: str = "i1", title: str = "推进县域医共体建设", **kw: str) -> AddGuideItem:
    data = {"description": "围绕基层医疗", "category": "society", **kw}
    return AddGuideItem(
        actor=ACTOR, at=AT, term_no=10, session_no=3, item_id=item_id, title=title, **data
    )


def publish() -> PublishTopicGuide:
    return PublishTopicGuide(actor=ACTOR, at=AT, term_no=10, session_no=3)


def test_items_are_added_then_the_guide_is_published() -> None:
    [added] = decide_add_guide_item(add(title=" 推进县域医共体建设 "), EMPTY)
    assert added == TopicGuideItemAdded(
        term_no=10,
        session_no=3,
        item_id="i1",
        title="推进县域医共体建设",
        description="围绕基层医疗",
        category="society",
    )
    state = given(topic_guide_decider, [added])
    assert decide_publish_topic_guide(publish(), state) == [
        TopicGuidePublished(term_no=10, session_no=3, item_count=1, published_at=AT)
    ]
    assert guide_id(10, 3) == "10-3"


def test_an_item_is_removed_before_publication() -> None:
    state = given(topic_guide_decider, decide_add_guide_item(add(), EMPTY))
    cmd = RemoveGuideItem(actor=ACTOR, at=AT, term_no=10, session_no=3, item_id="i1")
    events = decide_remove_guide_item(cmd, state)
    assert events == [TopicGuideItemRemoved(term_no=10, session_no=3, item_id="i1")]
    assert topic_guide_decider.fold(events, state).items == {}


def test_rejections_while_drafting() -> None:
    state = given(topic_guide_decider, decide_add_guide_item(add(), EMPTY))
    with rejected("conflict", "参考要目中已有题目“推进县域医共体建设”，请勿重复添加"):
        decide_add_guide_item(add("i2"), state)
    with rejected("conflict", "题目编号已存在，请重新提交"):
        decide_add_guide_item(add("i1", "另一个题目"), state)
    with rejected("invalid", "请填写题目"):
        decide_add_guide_item(add(title="  "), EMPTY)
    with rejected("invalid", "题目说明不能超过1000个字，当前为1001个字，请精简"):
        decide_add_guide_item(add(description="字" * 1001), EMPTY)
    with rejected(
        "invalid",
        "提案类别“health”无效，可选：经济建设（economy）、政治建设（politics）、"
        "文化建设（culture）、社会建设（society）、生态文明建设（ecology）",
    ):
        decide_add_guide_item(add(category="health"), EMPTY)
    bad = AddGuideItem(
        actor=ACTOR, at=AT, term_no=0, session_no=3, item_id="x", title="t", category="society"
    )
    with rejected("invalid", "届次和会次必须是正整数"):
        decide_add_guide_item(bad, EMPTY)
    gone = RemoveGuideItem(actor=ACTOR, at=AT, term_no=10, session_no=3, item_id="nope")
    with rejected("not_found", "参考要目中没有该题目，请刷新后重试"):
        decide_remove_guide_item(gone, state)
    with rejected("conflict", "参考要目还没有题目，请先添加题目再发布"):
        decide_publish_topic_guide(publish(), EMPTY)


def test_a_published_guide_is_closed() -> None:
    events = decide_add_guide_item(add(), EMPTY)
    events += decide_publish_topic_guide(publish(), given(topic_guide_decider, events))
    state = given(topic_guide_decider, events)
    closed = "第10届第3次会议的提案征集参考要目已发布，不能"
    with rejected("conflict", closed + "增加题目"):
        decide_add_guide_item(add("i2", "新题目"), state)
    with rejected("conflict", closed + "删除题目"):
        decide_remove_guide_item(
            RemoveGuideItem(actor=ACTOR, at=AT, term_no=10, session_no=3, item_id="i1"), state
        )
    with rejected("conflict", closed + "重复发布"):
        decide_publish_topic_guide(publish(), state)
