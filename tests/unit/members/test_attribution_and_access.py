"""Pure rules of the members service's outer layers: attribution (DOMAIN §6.2) and who
may log a visit or register a member."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.application.handlers import (
    authorize_register,
    authorize_visit,
    may_log_visits,
    require_member_id,
)
from services.members.domain import VisitLogged, decide_log_visit
from services.members.projections.attribution import (
    consultation_attribution,
    proposal_attribution,
    visit_attribution,
)
from services.members.projections.foreign import (
    ConsultationHeld,
    Participant,
    ProposalSubmitted,
)
from shared.auth import Forbidden, Principal
from shared.domain import NotFound
from tests.unit.members.builders import MEMBER_ID, constituent_visit, given_member

A, B, C = "m-a", "m-b", "m-c"


def principal(*roles: str) -> Principal:
    return Principal("tester", frozenset(roles))


def test_visit_belongs_to_visitors_group_and_visited_township() -> None:
    [visit] = decide_log_visit(constituent_visit(), given_member())
    assert isinstance(visit, VisitLogged)
    assert visit_attribution(visit) == {"chengguan": "by_member"}
    moved = visit.model_copy(update={"township_id": "hekou"})
    assert visit_attribution(moved) == {"chengguan": "by_member", "hekou": "in_township"}
    orphan = visit.model_copy(update={"member_township_id": None, "township_id": "hekou"})
    assert visit_attribution(orphan) == {"hekou": "in_township"}


def test_proposal_belongs_to_every_authors_group_lead_first() -> None:
    event = ProposalSubmitted(
        proposal_id="p",
        township_id="chengguan",
        lead_author_id=A,
        co_author_ids=(B, C),
        author_township_ids={A: "chengguan", B: "xinzhuang", C: "chengguan"},
    )
    assert proposal_attribution(event) == {"chengguan": "lead_author", "xinzhuang": "co_author"}


def test_proposal_without_author_groups_falls_back_to_township() -> None:
    event = ProposalSubmitted(proposal_id="p", township_id="hekou", lead_author_id=A)
    assert proposal_attribution(event) == {"hekou": "lead_author"}
    assert proposal_attribution(ProposalSubmitted(proposal_id="p")) == {}


def test_foreign_models_ignore_unknown_fields() -> None:
    event = ProposalSubmitted.model_validate(
        {"proposal_id": "p", "body": {"situation": "…"}, "suggested_units": ["县水利局"]}
    )
    assert event.proposal_id == "p" and event.co_author_ids == ()


def test_consultation_belongs_to_its_township_and_participants_groups() -> None:
    event = ConsultationHeld(
        consultation_id="c",
        township_id="hekou",
        held_on=date(2025, 5, 1),
        participants=(
            Participant(member_id=A, township_id="chengguan"),
            Participant(member_id=B, township_id="hekou"),
            Participant(member_id=C),
        ),
    )
    assert consultation_attribution(event) == {"hekou": "in_township", "chengguan": "by_member"}


def test_who_may_log_a_visit() -> None:
    member = given_member()  # of chengguan
    for allowed in (
        principal("county_admin"),
        principal(f"member:{MEMBER_ID}"),
    ):
        authorize_visit(allowed, MEMBER_ID, member, "hekou")
    authorize_visit(principal("township:chengguan"), MEMBER_ID, member, "chengguan")
    with pytest.raises(Forbidden, match="不属于您所在的联络组"):
        authorize_visit(principal("township:hekou"), MEMBER_ID, member, "hekou")
    with pytest.raises(Forbidden, match="本乡镇开展的走访"):
        authorize_visit(principal("township:chengguan"), MEMBER_ID, member, "hekou")
    assert not may_log_visits(principal("member:someone-else"), MEMBER_ID)
    assert not may_log_visits(principal("proposal_office"), MEMBER_ID)


def test_who_may_register_a_member() -> None:
    authorize_register(principal("county_admin"), "hekou")
    authorize_register(principal("township:hekou"), "hekou")
    with pytest.raises(Forbidden, match="本乡镇联络组"):
        authorize_register(principal("township:chengguan"), "hekou")
    with pytest.raises(Forbidden, match="权限"):
        authorize_register(principal(f"member:{MEMBER_ID}"), "hekou")


@pytest.mark.parametrize("bad", ["x", "a.b", "*", ">", MEMBER_ID.upper()])
def test_member_ids_that_name_no_member(bad: str) -> None:
    with pytest.raises(NotFound, match="不存在"):
        require_member_id(bad)
    assert require_member_id(MEMBER_ID) == MEMBER_ID
