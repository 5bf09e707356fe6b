"""State of a 《社情民意》 issue and of its numbering register."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from shared.events import DomainEvent

from .bulletin_events import (
    BulletinIssueApproved,
    BulletinIssueCreated,
    BulletinIssueDistributed,
    BulletinIssuePublished,
    BulletinIssueSubmittedForApproval,
    BulletinItemAdded,
    BulletinItemRemoved,
    BulletinNumberAllocated,
    ItemMode,
    Series,
)


class IssueStatus(StrEnum):
    PLANNING = "planning"
    COMPILING = "compiling"
    IN_APPROVAL = "in_approval"
    APPROVED = "approved"
    PUBLISHED = "published"
    DISTRIBUTED = "distributed"


EDITABLE_ISSUE_STATUSES = frozenset({IssueStatus.PLANNING, IssueStatus.COMPILING})


@dataclass(frozen=True)
class BulletinItem:
    report_id: str
    order: int
    edited_title: str | None
    mode: ItemMode
    serial_no: str
    report_title: str


@dataclass(frozen=True)
class IssueState:
    """One issue. `status is None`: it does not exist yet. Items are kept in order."""

    issue_id: str = ""
    status: IssueStatus | None = None
    series: Series | None = None
    year: int = 0
    issue_no: int = 0
    label: str = ""
    title: str | None = None
    items: tuple[BulletinItem, ...] = ()
    approver_id: str | None = None
    recipients: tuple[str, ...] = ()

    @property
    def exists(self) -> bool:
        return self.status is not None

    @property
    def report_ids(self) -> tuple[str, ...]:
        return tuple(i.report_id for i in self.items)

    def item(self, report_id: str) -> BulletinItem | None:
        return next((i for i in self.items if i.report_id == report_id), None)


def evolve_issue(state: IssueState, event: DomainEvent) -> IssueState:
    """Fold one issue event. Unknown events leave the state unchanged."""
    match event:
        case BulletinIssueCreated():
            return replace(
                state,
                issue_id=event.issue_id,
                status=IssueStatus.PLANNING,
                series=event.series,
                year=event.year,
                issue_no=event.issue_no,
                label=event.label,
                title=event.title,
            )
        case BulletinItemAdded():
            item = BulletinItem(
                event.report_id,
                event.order,
                event.edited_title,
                event.mode,
                event.serial_no,
                event.report_title,
            )
            items = tuple(sorted((*state.items, item), key=lambda i: (i.order, i.report_id)))
            return replace(state, status=IssueStatus.COMPILING, items=items)
        case BulletinItemRemoved():
            items = tuple(i for i in state.items if i.report_id != event.report_id)
            status = IssueStatus.COMPILING if items else IssueStatus.PLANNING
            return replace(state, status=status, items=items)
        case _:
            return _evolve_review(state, event)


def _evolve_review(state: IssueState, event: DomainEvent) -> IssueState:
    match event:
        case BulletinIssueSubmittedForApproval():
            return replace(state, status=IssueStatus.IN_APPROVAL)
        case BulletinIssueApproved():
            return replace(state, status=IssueStatus.APPROVED, approver_id=event.approver_id)
        case BulletinIssuePublished():
            return replace(state, status=IssueStatus.PUBLISHED, recipients=event.recipients)
        case BulletinIssueDistributed():
            return replace(state, status=IssueStatus.DISTRIBUTED)
        case _:
            return state


@dataclass(frozen=True)
class BulletinRegisterState:
    """Issue numbers of one series + year; `last_no` = last number handed out (0 = none)."""

    series: str = ""
    year: int = 0
    last_no: int = 0

    @property
    def next_no(self) -> int:
        return self.last_no + 1


def evolve_bulletin_register(
    state: BulletinRegisterState, event: DomainEvent
) -> BulletinRegisterState:
    match event:
        case BulletinNumberAllocated():
            return replace(state, series=event.series, year=event.year, last_no=event.issue_no)
        case _:
            return state


def bulletin_register_id(series: str, year: int) -> str:
    """Aggregate id of a series' numbering register for a year, e.g. `sqmy-2026`."""
    return f"{series}-{year}"


def issue_label(year: int, issue_no: int) -> str:
    """DOMAIN §8.3: `{year}年第{n}期`."""
    return f"{year}年第{issue_no}期"
