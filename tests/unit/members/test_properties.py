"""Property tests: random valid command sequences, replay determinism and invariants."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from services.members.domain import (
    INITIAL_LIAISON_GROUP,
    INITIAL_MEMBER,
    ROLE_TAGS,
    VISIT_KINDS,
    VISIT_MODES,
    ChangeMemberLiaisonGroup,
    EstablishLiaisonGroup,
    LiaisonGroupState,
    LogVisit,
    MemberLiaisonGroupChanged,
    MemberRegistered,
    MemberState,
    RegisterMember,
    VisitLogged,
    decide_change_member_liaison_group,
    decide_establish_liaison_group,
    decide_log_visit,
    decide_register_member,
    is_valid_political_affiliation,
    is_valid_township_id,
    liaison_group_decider,
    member_decider,
    registry,
)
from shared.domain import Decider, DomainError, Invalid, Rejected
from shared.events import DomainEvent, encode_body
from tests.unit.members.builders import given_sector

S = TypeVar("S")

AT = datetime(2025, 6, 30, 9, 0, tzinfo=UTC)
TODAY = date(2025, 6, 30)
TOWNSHIPS = {"chengguan": "城关镇", "xinzhen": "新镇", "kaifaqu": "开发区"}
MEMBER_IDS = [str(uuid.UUID(int=i)) for i in range(1, 6)]
AFFILIATIONS = ["cpc", "non_party", "none", "democratic_party:民盟", "democratic_party:九三学社"]
SECTORS = ["农业界", "教育界", "医卫界", "经济界"]
CATEGORIES = ["种植大户", "个体工商户", "乡村教师", "村医"]


@dataclass
class World:
    groups: dict[str, list[DomainEvent]] = field(default_factory=dict)
    members: dict[str, list[DomainEvent]] = field(default_factory=dict)
    group_states: dict[str, LiaisonGroupState] = field(default_factory=dict)
    member_states: dict[str, MemberState] = field(default_factory=dict)
    visit_ids: list[str] = field(default_factory=list)
    rejections: int = 0

    def group(self, township_id: str) -> LiaisonGroupState:
        return self.group_states.get(township_id, INITIAL_LIAISON_GROUP)

    def member(self, member_id: str) -> MemberState:
        return self.member_states.get(member_id, INITIAL_MEMBER)


def _apply(
    events: list[DomainEvent],
    stream: dict[str, list[DomainEvent]],
    states: dict[str, S],
    key: str,
    decider: Decider[S],
) -> None:
    stream.setdefault(key, []).extend(events)
    states[key] = decider.fold(events, states.get(key, decider.initial))


def _expect_rejected(world: World, fn: Callable[[], list[DomainEvent]]) -> None:
    try:
        fn()
    except Rejected:
        world.rejections += 1
    else:  # pragma: no cover - would be a bug
        raise AssertionError("command should have been rejected")


def _visit_command(data: st.DataObject, world: World, member_id: str) -> LogVisit:
    kind = data.draw(st.sampled_from(VISIT_KINDS))
    others = [m for m in MEMBER_IDS if m != member_id]
    co_visitors = data.draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
    visitors = [member_id, *co_visitors]
    fields: dict[str, Any] = {}
    if kind == "leader_visits_member":
        candidates = [m for m in others if m not in co_visitors]
        fields["visited_member_ids"] = data.draw(
            st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True)
        )
    else:
        fields["constituents"] = data.draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "category": st.sampled_from(CATEGORIES),
                        "count": st.integers(1, 50),
                        "name": st.none() | st.sampled_from(["王五", "李村合作社"]),
                    }
                ),
                min_size=1,
                max_size=3,
            )
        )
    visit_id = str(uuid.UUID(int=10_000 + len(world.visit_ids)))
    world.visit_ids.append(visit_id)
    return LogVisit(
        member_id=member_id,
        visit_id=visit_id,
        visit_kind=kind,
        visitor_ids=data.draw(st.sampled_from([visitors, list(reversed(visitors))])),
        township_id=data.draw(st.sampled_from(sorted(TOWNSHIPS))),
        place=data.draw(st.none() | st.sampled_from(["村委会", "合作社"])),
        visit_date=TODAY - timedelta(days=data.draw(st.integers(0, 400))),
        mode=data.draw(st.sampled_from(VISIT_MODES)),
        role_tags=data.draw(st.lists(st.sampled_from(ROLE_TAGS), min_size=1, max_size=3)),
        topics=data.draw(st.lists(st.sampled_from(["养老服务", "教育均衡发展"]), max_size=2)),
        issues_raised=data.draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "text": st.sampled_from(["道路破损", "缺少村医"]),
                        "resolved_on_site": st.booleans(),
                    }
                ),
                max_size=2,
            )
        ),
        today=TODAY,
        actor=f"member:{member_id}",
        at=AT,
        **fields,
    )


def _step(data: st.DataObject, world: World) -> None:
    established = [t for t in TOWNSHIPS if world.group(t).established]
    registered = [m for m in MEMBER_IDS if world.member(m).registered]
    actions = ["establish"]
    if established:
        actions.append("register")
    if registered:
        actions += ["visit", "visit", "duplicate_visit"]
    if registered and len(established) >= 2:
        actions.append("change")
    action = data.draw(st.sampled_from(actions))

    if action == "establish":
        township_id = data.draw(st.sampled_from(sorted(TOWNSHIPS)))
        cmd = EstablishLiaisonGroup(
            township_id=township_id,
            name=f"{TOWNSHIPS[township_id]}政协联络组",
            township_name=TOWNSHIPS[township_id],
            actor="staff:office",
            at=AT,
        )
        state = world.group(township_id)
        if state.established:
            _expect_rejected(world, lambda: decide_establish_liaison_group(cmd, state))
            return
        events = decide_establish_liaison_group(cmd, state)
        _apply(events, world.groups, world.group_states, township_id, liaison_group_decider)

    elif action == "register":
        member_id = data.draw(st.sampled_from(MEMBER_IDS))
        township_id = data.draw(st.sampled_from(established))
        reg = RegisterMember(
            member_id=member_id,
            name=data.draw(st.sampled_from(["张三", "李四", "王芳"])),
            sector=data.draw(st.sampled_from(SECTORS)),
            political_affiliation=data.draw(st.sampled_from(AFFILIATIONS)),
            township_id=township_id,
            term_no=data.draw(st.integers(1, 15)),
            is_standing_member=data.draw(st.booleans()),
            work_unit=data.draw(st.none() | st.just("县第一中学教师")),
            actor="staff:office",
            at=AT,
        )
        mstate, gstate = world.member(member_id), world.group(township_id)
        sstate = given_sector(reg.sector or "")
        if mstate.registered:
            _expect_rejected(world, lambda: decide_register_member(reg, mstate, gstate, sstate))
            return
        events = decide_register_member(reg, mstate, gstate, sstate)
        _apply(events, world.members, world.member_states, member_id, member_decider)

    elif action == "visit":
        member_id = data.draw(st.sampled_from(registered))
        events = decide_log_visit(_visit_command(data, world, member_id), world.member(member_id))
        _apply(events, world.members, world.member_states, member_id, member_decider)

    elif action == "duplicate_visit":
        member_id = data.draw(st.sampled_from(registered))
        mstate = world.member(member_id)
        if not mstate.visit_ids:
            return
        dup = _visit_command(data, world, member_id).model_copy(
            update={"visit_id": data.draw(st.sampled_from(sorted(mstate.visit_ids)))}
        )
        _expect_rejected(world, lambda: decide_log_visit(dup, mstate))

    else:  # change
        member_id = data.draw(st.sampled_from(registered))
        mstate = world.member(member_id)
        targets = [t for t in established if t != mstate.township_id]
        to = data.draw(st.sampled_from(targets))
        chg = ChangeMemberLiaisonGroup(
            member_id=member_id, to_township_id=to, reason=None, actor="staff:office", at=AT
        )
        events = decide_change_member_liaison_group(chg, mstate, world.group(to))
        _apply(events, world.members, world.member_states, member_id, member_decider)


def _round_trip(events: list[DomainEvent]) -> list[DomainEvent]:
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
    assert all(d is not None for d in decoded)
    return [d for d in decoded if d is not None]


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_random_valid_sequences_replay_deterministically(data: st.DataObject) -> None:
    world = World()
    for _ in range(data.draw(st.integers(1, 25), label="steps")):
        _step(data, world)

    for township_id, events in world.groups.items():
        group_once = liaison_group_decider.fold(events)
        assert group_once == liaison_group_decider.fold(events) == world.group_states[township_id]
        assert group_once == liaison_group_decider.fold(_round_trip(events))
        assert group_once.established and group_once.township_id == township_id

    for member_id, events in world.members.items():
        member = member_decider.fold(events)
        assert member == member_decider.fold(events) == world.member_states[member_id]
        assert member == member_decider.fold(_round_trip(events))

        # invariants
        first = events[0]
        assert isinstance(first, MemberRegistered)
        assert sum(isinstance(e, MemberRegistered) for e in events) == 1
        visits = [e for e in events if isinstance(e, VisitLogged)]
        changes = [e for e in events if isinstance(e, MemberLiaisonGroupChanged)]
        assert member.visit_count == len(visits)
        assert member.visit_ids == {v.visit_id for v in visits}
        assert len(member.liaison_group_history) == len(changes)
        assert member.member_id == member_id and member.registered and member.active
        assert member.township_id is not None
        assert world.group(member.township_id).established
        if visits:
            assert member.last_visit_date == max(v.visit_date for v in visits)

        current: str | None = first.township_id
        for event in events[1:]:
            if isinstance(event, VisitLogged):
                assert event.member_township_id == current
                assert member_id in event.visitor_ids
                assert event.visit_date <= TODAY
                assert not set(event.visitor_ids) & set(event.visited_member_ids)
            elif isinstance(event, MemberLiaisonGroupChanged):
                assert event.from_township_id == current != event.to_township_id
                current = event.to_township_id
        assert current == member.township_id


@settings(max_examples=150, deadline=None)
@given(
    township_id=st.text(max_size=40),
    name=st.text(max_size=60),
    sector=st.text(max_size=40),
    affiliation=st.one_of(st.text(max_size=25), st.sampled_from(AFFILIATIONS)),
    term_no=st.integers(-3, 30),
)
def test_register_member_only_raises_domain_errors(
    township_id: str, name: str, sector: str, affiliation: str, term_no: int
) -> None:
    group = INITIAL_LIAISON_GROUP
    if is_valid_township_id(township_id):
        group = LiaisonGroupState(established=True, township_id=township_id)
    cmd = RegisterMember(
        member_id=MEMBER_IDS[0],
        name=name,
        sector=sector,
        political_affiliation=affiliation,
        township_id=township_id,
        term_no=term_no,
        actor="a",
        at=AT,
    )
    try:
        [event] = decide_register_member(
            cmd, INITIAL_MEMBER, group, require_established_sector=False
        )
    except DomainError as err:
        assert isinstance(err, Invalid)
        assert err.message
        return
    assert isinstance(event, MemberRegistered)
    assert 0 < len(event.member_name) <= 50 and event.member_name == event.member_name.strip()
    assert 0 < len(event.sector) <= 32
    assert is_valid_political_affiliation(event.political_affiliation)
    assert is_valid_township_id(event.township_id)
    assert event.term_no >= 1
