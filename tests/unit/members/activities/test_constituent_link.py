"""Constituent links (联系界别群众): establish / end, quota cap, masking, rejections."""

from __future__ import annotations

import pytest

from services.members.domain.activities.config import DEFAULT_CONFIG, ActivitiesConfig
from services.members.domain.activities.constituent_link import (
    INITIAL_CONSTITUENT_LINKS,
    Constituent,
    ConstituentLinkEnded,
    ConstituentLinkEstablished,
    ConstituentLinksState,
    EndConstituentLink,
    constituent_link_decider,
    decide_end_constituent_link,
    decide_establish_constituent_link,
    mask_contact,
)
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent
from tests.unit.members.activities.builders import (
    ACTOR,
    AT,
    ITEM_ID,
    A,
    establish_link,
    member,
)

OTHER_LINK = "0190a6c4-0000-7000-8000-000000000002"


def given(*events: DomainEvent) -> ConstituentLinksState:
    return constituent_link_decider.fold(list(events))


def established(**kw: object) -> ConstituentLinkEstablished:
    [event] = decide_establish_constituent_link(
        establish_link(**kw), INITIAL_CONSTITUENT_LINKS, member(), DEFAULT_CONFIG
    )
    assert isinstance(event, ConstituentLinkEstablished)
    return event


def end(**kw: object) -> EndConstituentLink:
    data: dict[str, object] = {"member_id": A, "link_id": ITEM_ID, "actor": ACTOR, "at": AT}
    data.update(kw)
    return EndConstituentLink(**data)


def test_establish_records_the_masked_contact_only() -> None:
    event = established(contact="138 1234 5678", note=" 每季度联系一次 ")
    assert event == ConstituentLinkEstablished(
        member_id=A,
        link_id=ITEM_ID,
        township_id="chengguan",
        constituent=Constituent(category="种植大户", name="王大户", contact_masked="138****5678"),
        note="每季度联系一次",
    )
    assert "1234" not in event.model_dump_json()
    assert event.ce_type() == "cn.cppcc.members.constituent_link.established.v1"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        (None, None),
        ("  ", None),
        ("0551-6123 4567", "********4567"),
        ("+86 13812345678", "138****5678"),
        ("12345", "*2345"),
    ],
)
def test_mask_contact(raw: str | None, masked: str | None) -> None:
    assert mask_contact(raw) == masked


def test_bad_contact_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        established(contact="微信 abc")
    assert err.value.message == (
        "联系方式“微信 abc”格式不正确：请填写手机号或固定电话（只含数字、空格、连字符）"
    )


def test_unregistered_member_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_establish_constituent_link(
            establish_link(), INITIAL_CONSTITUENT_LINKS, member(registered=False), DEFAULT_CONFIG
        )
    assert err.value.message == f"委员（编号 {A}）不存在，不能固定联系界别群众；请核对委员编号"


def test_member_out_of_office_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_establish_constituent_link(
            establish_link(), INITIAL_CONSTITUENT_LINKS, member(active=False), DEFAULT_CONFIG
        )
    assert err.value.message == "委员 张三 已不在任，不能固定联系界别群众"


def test_same_constituent_twice_is_rejected() -> None:
    state = given(established())
    with pytest.raises(Rejected) as err:
        decide_establish_constituent_link(
            establish_link(link_id=OTHER_LINK), state, member(), DEFAULT_CONFIG
        )
    assert err.value.message == "委员 张三 已在固定联系“种植大户”王大户，无需重复登记"


def test_duplicate_link_id_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_establish_constituent_link(
            establish_link(name="另一户"), given(established()), member(), DEFAULT_CONFIG
        )
    assert err.value.message == f"联系记录 {ITEM_ID} 已登记，不能重复登记"


def test_cap_on_active_links_is_configurable() -> None:
    config = ActivitiesConfig(constituent_links_min=1, constituent_links_max=1)
    with pytest.raises(Rejected) as err:
        decide_establish_constituent_link(
            establish_link(link_id=OTHER_LINK, name="李大户"),
            given(established()),
            member(),
            config,
        )
    assert err.value.message == (
        "委员 张三 已固定联系 1 名界别群众，已达上限 1 名；请先结束不再联系的界别群众"
    )
    state = given(
        established(), *decide_end_constituent_link(end(), given(established()), member())
    )
    [event] = decide_establish_constituent_link(
        establish_link(link_id=OTHER_LINK, name="李大户"), state, member(), config
    )
    assert isinstance(event, ConstituentLinkEstablished)


def test_empty_category_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        established(category="  ")
    assert err.value.message == "界别群众类别不能为空，请填写界别群众类别"


def test_end_emits_ended() -> None:
    events = decide_end_constituent_link(end(reason="外出务工"), given(established()), member())
    assert events == [
        ConstituentLinkEnded(
            member_id=A, link_id=ITEM_ID, township_id="chengguan", reason="外出务工"
        )
    ]
    state = given(established(), *events)
    assert state.active == () and state.links[0].active is False


def test_end_unknown_link_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_end_constituent_link(end(), INITIAL_CONSTITUENT_LINKS, member())
    assert err.value.message == f"委员没有编号为 {ITEM_ID} 的联系记录，请核对"


def test_end_twice_is_rejected() -> None:
    state = given(
        established(), *decide_end_constituent_link(end(), given(established()), member())
    )
    with pytest.raises(Rejected) as err:
        decide_end_constituent_link(end(), state, member())
    assert err.value.message == "该界别群众的固定联系已经结束，无需再次结束"


def test_a_repeated_establish_event_changes_nothing() -> None:
    state = given(established())
    assert constituent_link_decider.evolve(state, established()) == state
