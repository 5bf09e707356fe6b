"""A varied, deterministic set of the events `duty_activities` and `township_dashboard`
handle: every event kind, with the edge cases their rows depend on (missing and repeated
townships, duplicate member ids, empty and awkward strings, times either side of local
midnight and of the new year, actors that need percent-encoding)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from services.members.domain import Constituent, IssueRaised, VisitLogged
from services.members.domain.activities import constituent_link as link
from services.members.domain.activities.enterprise_visit import EnterpriseVisitRecorded
from services.members.domain.activities.excellence import ExcellenceAwarded, ExcellenceNominated
from services.members.domain.activities.liaison_contact import LiaisonContactRecorded
from services.members.domain.activities.livelihood import (
    Beneficiaries,
    Donation,
    LivelihoodActivityRecorded,
    LivelihoodActivityVerified,
    Organiser,
)
from services.members.domain.activities.training import TrainingAttended, TrainingScheduled
from services.members.domain.activities.visit import VisitIssueEscalated, VisitVerified
from services.members.projections import foreign
from shared.events import DomainEvent, EventMeta

#: Strings JSON has to escape or that `ensure_ascii=False` keeps as they are.
AWKWARD = [
    "",
    "村委会",
    'say "hi"',
    "back\\slash",
    "tab\tnew\nline\r",
    "ctl\x01\x1f",
    "😀 emoji",
    "line\u2028sep\u2029",
    "ça va",
    "%41 100%",
    "/slash/",
]
TOWNSHIPS = ["chengguan", "hekou", "town03", "town04"]
ACTORS = ["county_admin:bench", "联络组:张三", "a%20b c", "member:m1"]
#: 23:59:59.999999 on 31 December local time (UTC+8), and the instants around it.
NEW_YEAR_EVE = datetime(2025, 12, 31, 15, 59, 59, 999999, tzinfo=UTC)


@dataclass(frozen=True)
class Planned:
    aggregate_id: str
    event: DomainEvent
    meta: EventMeta


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = 0

    def pick(self, values: list[str]) -> str:
        return self.rng.choice(values)

    def maybe(self, values: list[str]) -> str | None:
        return None if self.rng.random() < 0.3 else self.pick(values)

    def text(self) -> str:
        return self.pick(AWKWARD) + self.pick(["", " 产业发展", " x"])

    def texts(self, most: int = 3) -> tuple[str, ...]:
        return tuple(self.text() for _ in range(self.rng.randint(0, most)))

    def ids(self, prefix: str, most: int = 3) -> tuple[str, ...]:
        # drawn from a few: duplicates happen
        return tuple(f"{prefix}{self.rng.randint(0, 3)}" for _ in range(self.rng.randint(0, most)))

    def day(self) -> date:
        return date(2025, 12, 31) + timedelta(days=self.rng.randint(-400, 3))

    def meta(self) -> EventMeta:
        self.n += 1
        offsets = [-1, 0, 1, 8 * 3600, -8 * 3600, self.rng.randint(-(10**8), 10**8)]
        time = NEW_YEAR_EVE + timedelta(microseconds=self.rng.choice(offsets))
        return EventMeta(f"evt-{self.n}", time, self.pick(ACTORS))


def _visit(m: _Maker, i: int) -> VisitLogged:
    member = f"m{m.rng.randint(0, 5)}"
    count = m.rng.randint(0, 3)
    return VisitLogged(
        member_id=member,
        visit_id=f"visit-{i}",
        visit_kind=m.pick(["leader_visits_member", "member_visits_constituents"]),
        visitor_ids=(member, *m.ids("m")),
        visited_member_ids=m.ids("m"),
        constituents=tuple(
            Constituent(category=m.text(), count=m.rng.randint(0, 40), name=m.maybe(AWKWARD))
            for _ in range(count)
        ),
        township_id=m.pick([*TOWNSHIPS, ""]),
        member_township_id=m.maybe([*TOWNSHIPS, ""]),
        place=m.maybe(AWKWARD),
        visit_date=m.day(),
        mode=m.pick(["door_to_door", "symposium", "phone", "online", "site"]),
        role_tags=tuple(
            m.rng.sample(["investigator", "policy_explainer", "constituent_servant"], 2)
        )[: m.rng.randint(0, 2)],
        topics=m.texts(),
        issues_raised=tuple(
            IssueRaised(text=m.text(), resolved_on_site=m.rng.random() < 0.5)
            for _ in range(m.rng.randint(0, 3))
        ),
    )


def members_events(seed: int = 7, visits: int = 120) -> list[Planned]:
    """MEMBERS: visits (and what follows them) and every duty-activity record."""
    m = _Maker(seed)
    out: list[Planned] = []

    def add(aggregate_id: str, event: DomainEvent) -> None:
        out.append(Planned(aggregate_id, event, m.meta()))

    for i in range(visits):
        visit = _visit(m, i)
        add(visit.member_id, visit)
        common = {
            "visit_id": visit.visit_id,
            "member_id": visit.member_id,
            "township_id": visit.member_township_id,
            "visit_township_id": visit.township_id or "x",
            "visit_date": visit.visit_date,
        }
        if i % 3 == 0:
            add(visit.member_id, VisitVerified(**common, visit_kind="x", note=m.maybe(AWKWARD)))
        if visit.issues_raised and i % 2 == 0:
            add(
                visit.member_id,
                VisitIssueEscalated(
                    **common,
                    issue_index=m.rng.randrange(len(visit.issues_raised)),
                    target=m.pick(["opinion_report", "proposal"]),
                    draft_id=f"draft-{i}",
                    text=m.text(),
                    title=m.text(),
                ),
            )
    for i in range(12):
        member = f"m{i % 4}"
        township = m.maybe(TOWNSHIPS)
        constituent = link.Constituent(
            category=m.text(), name=m.maybe(AWKWARD), contact_masked=m.maybe(["138****0000"])
        )
        established = link.ConstituentLinkEstablished(
            member_id=member,
            link_id=f"link-{i}",
            township_id=township,
            constituent=constituent,
            note=m.maybe(AWKWARD),
        )
        add(member, established)
        if i % 2:
            ended = link.ConstituentLinkEnded(
                member_id=member, link_id=f"link-{i}", township_id=township, reason=m.text()
            )
            add(member, ended)
    for i in range(8):
        start = m.day()
        township = m.maybe(TOWNSHIPS)
        kind = m.pick(["member_main_training", "cadre_capacity", "online_course", "study_session"])
        scheduled = TrainingScheduled(
            training_id=f"tr-{i}",
            kind=kind,
            title=m.text(),
            start_date=start,
            end_date=start + timedelta(days=m.rng.randint(0, 3)),
            location=m.text(),
            curriculum=m.texts(),
            organiser=m.maybe(AWKWARD),
            township_id=township,
        )
        add(f"tr-{i}", scheduled)
        for member in sorted(set(m.ids("m", 4))):
            attended = TrainingAttended(
                training_id=f"tr-{i}",
                member_id=member,
                full_attendance=m.rng.random() < 0.5,
                township_id=m.maybe(TOWNSHIPS),
                kind=kind,
                start_date=start,
                end_date=start,
                training_township_id=township,
            )
            add(f"tr-{i}", attended)
    for i in range(8):
        members = m.ids("m", 4)
        snapshot = {x: m.maybe(TOWNSHIPS) for x in members} if i % 2 else {}
        kind = m.pick(["poverty_relief", "education_donation", "free_clinic", "other"])
        recorded = LivelihoodActivityRecorded(
            activity_id=f"act-{i}",
            kind=kind,
            title=m.text(),
            township_id=m.pick(TOWNSHIPS),
            township_ids=tuple(m.rng.sample(TOWNSHIPS, m.rng.randint(1, 3))),
            activity_date=m.day(),
            organiser=Organiser(kind="committee", name=m.text()),
            participant_member_ids=members,
            participant_township_ids=snapshot,
            beneficiaries=Beneficiaries(count=m.rng.randint(0, 500), description=m.maybe(AWKWARD)),
            donation=(
                Donation(amount_yuan=Decimal("20000.50"), in_kind=m.maybe(AWKWARD))
                if i % 3
                else None
            ),
            description=m.maybe(AWKWARD),
        )
        add(f"act-{i}", recorded)
        if i % 2 == 0:
            verified = LivelihoodActivityVerified(
                activity_id=f"act-{i}",
                kind=kind,
                township_id=recorded.township_id,
                township_ids=recorded.township_ids,
                activity_date=recorded.activity_date,
                participant_member_ids=members,
                note=m.maybe(AWKWARD),
            )
            add(f"act-{i}", verified)
    for i in range(6):
        visited = m.ids("m", 3) or ("m1",)
        visitors = m.ids("m", 2)
        enterprise = EnterpriseVisitRecorded(
            enterprise_visit_id=f"ent-{i}",
            visited_member_ids=visited,
            visitor_member_ids=visitors,
            member_township_ids={x: m.maybe(TOWNSHIPS) for x in (*visited, *visitors)},
            enterprise_name=m.maybe(AWKWARD),
            township_id=m.pick(TOWNSHIPS),
            visit_date=m.day(),
            topics=m.texts(),
            notes=m.maybe(AWKWARD),
        )
        add(f"ent-{i}", enterprise)
        members = m.ids("m", 3) or ("m2",)
        contact = LiaisonContactRecorded(
            contact_id=f"con-{i}",
            contact_kind=m.pick(["hometown_notable", "non_public_economy", "new_social_stratum"]),
            contact_name=m.text(),
            organisation=m.maybe(AWKWARD),
            member_ids=members,
            member_township_ids={x: m.maybe(TOWNSHIPS) for x in members} if i % 2 else {},
            township_id=m.pick(TOWNSHIPS),
            contact_date=m.day(),
            mode=m.pick(["visit", "symposium", "phone", "online", "event"]),
            topics=m.texts(),
            notes=m.maybe(AWKWARD),
        )
        add(f"con-{i}", contact)
    for i in range(6):
        members = m.ids("m", 3)
        nominee = {
            "year": 2025 + i % 2,
            "nomination_id": f"nom-{i}",
            "category": "excellent_member",
            "nominee_kind": "member",
            "nominee_id": f"m{i}",
            "nominee_name": m.text() or "x",
            "member_ids": members,
            "member_township_ids": {x: m.maybe(TOWNSHIPS) for x in members} if i % 2 else {},
            "township_id": m.maybe(TOWNSHIPS),
        }
        add(f"nom-{i}", ExcellenceNominated(**nominee, reason=m.text()))
        if i % 2 == 0:
            for level in m.rng.sample(["county", "city", "province", "national"], 2):
                award = ExcellenceAwarded(**nominee, level=level, award_title=m.maybe(AWKWARD))
                add(f"nom-{i}", award)
    return out


def proposal_events(seed: int = 8) -> list[Planned]:
    """PROPOSALS: submissions (with and without author snapshots and time) and statuses."""
    m = _Maker(seed)
    out: list[Planned] = []
    for i in range(10):
        authors = m.ids("m", 3)
        lead = m.maybe(["m0", "m1", "m9"])
        submitted = foreign.ProposalSubmitted(
            proposal_id=f"p-{i}",
            township_id=m.maybe(TOWNSHIPS),
            lead_author_id=lead,
            title=m.maybe(AWKWARD),
            co_author_ids=authors,
            author_township_ids={x: m.pick(TOWNSHIPS) for x in (*authors, lead or "m5")},
            category=m.maybe(["economy", "society"]),
            submitted_at=None if i % 2 else NEW_YEAR_EVE + timedelta(microseconds=i - 5),
        )
        out.append(Planned(f"p-{i}", submitted, m.meta()))
        status_cls = m.rng.choice(list(foreign.PROPOSAL_STATUS_OF))
        fields = {"proposal_id": f"p-{i}", "title": m.maybe(AWKWARD)}
        if "serial_no" in status_cls.model_fields:
            fields["serial_no"] = m.maybe(["2025-001", "2025-002"])
        out.append(Planned(f"p-{i}", status_cls(**fields), m.meta()))
    return out


def consultation_events(seed: int = 9) -> list[Planned]:
    """CONSULTATION: consultations held (participants' groups) and adopted suggestions."""
    m = _Maker(seed)
    out: list[Planned] = []
    for i in range(8):
        participants = tuple(
            foreign.Participant(member_id=f"m{k}", township_id=m.maybe(TOWNSHIPS))
            for k in range(m.rng.randint(0, 4))
        )
        suggestions = tuple(
            foreign.Suggestion(suggestion_id=f"s-{i}-{k}", text=m.text())
            for k in range(m.rng.randint(0, 3))
        )
        held = foreign.ConsultationHeld(
            consultation_id=f"c-{i}",
            township_id=m.maybe(TOWNSHIPS),
            type=m.pick(["symposium", "hearing"]),
            topic=m.text(),
            held_on=m.day(),
            participants=participants,
            suggestions=suggestions,
        )
        out.append(Planned(f"c-{i}", held, m.meta()))
        for s in suggestions:
            adopted = foreign.SuggestionAdopted(
                consultation_id=f"c-{i}",
                township_id=m.maybe(TOWNSHIPS),
                suggestion_id=s.suggestion_id,
                text=s.text,
                topic=held.topic,
                adopted_by=m.text(),
                adoption=m.pick(["full", "partial"]),
            )
            out.append(Planned(f"c-{i}", adopted, m.meta()))
    return out
