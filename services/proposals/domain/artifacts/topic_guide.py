"""`topic_guide` (提案征集参考要目, one per term + session): items, then publication.

Members draft within the guide once it is published (DOMAIN §2.1). A published guide is
closed: items can no longer be added or removed. Aggregate id: `<term>-<session>`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ClassVar

from services.proposals.domain.labels import CATEGORY_LABELS
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .base import CONTEXT, ArtifactCommand, choice, registry, text, utc

TOPIC_GUIDE = "topic_guide"
ITEM_TITLE_MAX = 100
ITEM_DESCRIPTION_MAX = 1000


def guide_id(term_no: int, session_no: int) -> str:
    return f"{term_no}-{session_no}"


class TopicGuideEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = TOPIC_GUIDE

    term_no: int
    session_no: int


@registry.register
class TopicGuideItemAdded(TopicGuideEvent):
    name: ClassVar[str] = "item_added"

    item_id: str
    title: str
    description: str
    category: str


@registry.register
class TopicGuideItemRemoved(TopicGuideEvent):
    name: ClassVar[str] = "item_removed"

    item_id: str


@registry.register
class TopicGuidePublished(TopicGuideEvent):
    name: ClassVar[str] = "published"

    item_count: int
    published_at: datetime


@dataclass(frozen=True)
class TopicGuideState:
    term_no: int = 0
    session_no: int = 0
    items: Mapping[str, str] = field(default_factory=dict)  # item_id → title
    published_at: datetime | None = None


def evolve_topic_guide(state: TopicGuideState, event: DomainEvent) -> TopicGuideState:
    match event:
        case TopicGuideItemAdded():
            items = {**state.items, event.item_id: event.title}
            return replace(state, term_no=event.term_no, session_no=event.session_no, items=items)
        case TopicGuideItemRemoved():
            items = {k: v for k, v in state.items.items() if k != event.item_id}
            return replace(state, items=items)
        case TopicGuidePublished():
            return replace(state, published_at=event.published_at)
        case _:
            return state


topic_guide_decider: Decider[TopicGuideState] = Decider(
    CONTEXT, TOPIC_GUIDE, TopicGuideState(), evolve_topic_guide
)


class TopicGuideCommand(ArtifactCommand):
    term_no: int
    session_no: int


class AddGuideItem(TopicGuideCommand):
    item_id: str
    title: str
    description: str = ""
    category: str


class RemoveGuideItem(TopicGuideCommand):
    item_id: str


class PublishTopicGuide(TopicGuideCommand):
    pass


def decide_add_guide_item(cmd: AddGuideItem, state: TopicGuideState) -> list[DomainEvent]:
    _open(cmd, state, "增加题目")
    title = text(cmd.title, "题目", ITEM_TITLE_MAX)
    if title in state.items.values():
        raise Rejected(f"参考要目中已有题目“{title}”，请勿重复添加", code="duplicate_item")
    if cmd.item_id in state.items:
        raise Rejected("题目编号已存在，请重新提交", code="duplicate_item_id")
    return [
        TopicGuideItemAdded(
            term_no=cmd.term_no,
            session_no=cmd.session_no,
            item_id=cmd.item_id,
            title=title,
            description=text(cmd.description, "题目说明", ITEM_DESCRIPTION_MAX, required=False),
            category=choice(cmd.category, CATEGORY_LABELS, "提案类别"),
        )
    ]


def decide_remove_guide_item(cmd: RemoveGuideItem, state: TopicGuideState) -> list[DomainEvent]:
    _open(cmd, state, "删除题目")
    if cmd.item_id not in state.items:
        raise NotFound("参考要目中没有该题目，请刷新后重试", code="item_not_found")
    return [
        TopicGuideItemRemoved(term_no=cmd.term_no, session_no=cmd.session_no, item_id=cmd.item_id)
    ]


def decide_publish_topic_guide(cmd: PublishTopicGuide, state: TopicGuideState) -> list[DomainEvent]:
    _open(cmd, state, "重复发布")
    if not state.items:
        raise Rejected("参考要目还没有题目，请先添加题目再发布", code="guide_empty")
    return [
        TopicGuidePublished(
            term_no=cmd.term_no,
            session_no=cmd.session_no,
            item_count=len(state.items),
            published_at=utc(cmd.at),
        )
    ]


def _open(cmd: TopicGuideCommand, state: TopicGuideState, action: str) -> None:
    if cmd.term_no < 1 or cmd.session_no < 1:
        raise Invalid("届次和会次必须是正整数", code="invalid_session")
    if state.published_at is not None:
        raise Rejected(
            f"第{cmd.term_no}届第{cmd.session_no}次会议的提案征集参考要目已发布，不能{action}",
            code="guide_published",
        )
