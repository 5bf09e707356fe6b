"""`opinion_bulletin_issues`: 《社情民意》 issues and their items, in order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Integer,
    String,
    bindparam,
    case,
    delete,
    func,
    select,
)

from services.proposals.domain.opinion import (
    BulletinIssueApproved,
    BulletinIssueCreated,
    BulletinIssueDistributed,
    BulletinIssuePublished,
    BulletinIssueSubmittedForApproval,
    BulletinItemAdded,
    BulletinItemRemoved,
    IssueStatus,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .opinion_support import keyed, keyed_update
from .registries import read_registry


class BulletinIssues(Projection):
    name = "opinion_bulletin_issues"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.issues = self.table("bulletin_issues", *_issue_columns())
        self.items = self.table(
            "bulletin_items",
            Column("issue_id", String(64), primary_key=True),
            Column("report_id", String(64), primary_key=True),
            Column("position", Integer, nullable=False),
            Column("edited_title", String(200), nullable=True),
            Column("mode", String(16), nullable=False),
            Column("serial_no", String(32), nullable=False),
            Column("report_title", String(200), nullable=False),
        )
        t = self.issues
        self.insert_issue = upsert(self.dialect, t, ["issue_id"])
        self.insert_item = upsert(self.dialect, self.items, ["issue_id", "report_id"])
        self.remove_item = delete(self.items).where(
            self.items.c.issue_id == bindparam("b_issue_id"),
            self.items.c.report_id == bindparam("b_report_id"),
        )
        self.status_stmt = keyed_update(t, "issue_id", "status", "last_seq")
        self.recount_stmt = keyed_update(t, "issue_id", "last_seq", status=self._status_by_items())
        self.submitted_stmt = keyed_update(t, "issue_id", "status", "submitted_at", "last_seq")
        self.approved_stmt = keyed_update(
            t, "issue_id", "status", "approver_id", "approved_at", "last_seq"
        )
        self.published_stmt = keyed_update(
            t, "issue_id", "status", "recipients", "published_at", "last_seq"
        )
        self.distributed_stmt = keyed_update(
            t, "issue_id", "status", "distribution_note", "distributed_at", "last_seq"
        )
        self.on(BulletinIssueCreated, self.created)
        self.on(BulletinItemAdded, self.item_added)
        self.on(BulletinItemRemoved, self.item_removed)
        self.on(BulletinIssueSubmittedForApproval, self.submitted)
        self.on(BulletinIssueApproved, self.approved)
        self.on(BulletinIssuePublished, self.published)
        self.on(BulletinIssueDistributed, self.distributed)

    def _status_by_items(self) -> Any:
        """compiling while the issue has items, planning once the last one is removed."""
        i = self.items
        remaining = (
            select(func.count())
            .select_from(i)
            .where(i.c.issue_id == self.issues.c.issue_id)
            .scalar_subquery()
        )
        return case((remaining > 0, IssueStatus.COMPILING.value), else_=IssueStatus.PLANNING.value)

    def created(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinIssueCreated)
        row: dict[str, Any] = {c.name: None for c in self.issues.c}
        row.update(
            issue_id=e.issue_id,
            series=e.series,
            year=e.year,
            issue_no=e.issue_no,
            label=e.label,
            title=e.title,
            classification=e.classification,
            status=IssueStatus.PLANNING.value,
            editor_id=r.meta.actor,
            recipients=[],
            created_at=e.created_at,
            last_seq=r.seq,
        )
        return [(self.insert_issue, row)]

    def item_added(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinItemAdded)
        item = {
            "issue_id": e.issue_id,
            "report_id": e.report_id,
            "position": e.order,
            "edited_title": e.edited_title,
            "mode": e.mode,
            "serial_no": e.serial_no,
            "report_title": e.report_title,
        }
        status = keyed(
            self.status_stmt,
            "issue_id",
            e.issue_id,
            status=IssueStatus.COMPILING.value,
            last_seq=r.seq,
        )
        return [(self.insert_item, item), *status]

    def item_removed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinItemRemoved)
        params = {"b_issue_id": e.issue_id, "b_report_id": e.report_id}
        recount = {"b_issue_id": e.issue_id, "b_last_seq": r.seq}
        return [(self.remove_item, params), (self.recount_stmt, recount)]

    def submitted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinIssueSubmittedForApproval)
        return keyed(
            self.submitted_stmt,
            "issue_id",
            e.issue_id,
            status=IssueStatus.IN_APPROVAL.value,
            submitted_at=e.submitted_at,
            last_seq=r.seq,
        )

    def approved(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinIssueApproved)
        return keyed(
            self.approved_stmt,
            "issue_id",
            e.issue_id,
            status=IssueStatus.APPROVED.value,
            approver_id=e.approver_id,
            approved_at=e.approved_at,
            last_seq=r.seq,
        )

    def published(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinIssuePublished)
        return keyed(
            self.published_stmt,
            "issue_id",
            e.issue_id,
            status=IssueStatus.PUBLISHED.value,
            recipients=list(e.recipients),
            published_at=e.published_at,
            last_seq=r.seq,
        )

    def distributed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, BulletinIssueDistributed)
        return keyed(
            self.distributed_stmt,
            "issue_id",
            e.issue_id,
            status=IssueStatus.DISTRIBUTED.value,
            distribution_note=e.note,
            distributed_at=e.distributed_at,
            last_seq=r.seq,
        )


def _issue_columns() -> list[Column[Any]]:
    def when(name: str) -> Column[Any]:
        return Column(name, DateTime(timezone=True), nullable=True)

    return [
        Column("issue_id", String(64), primary_key=True),
        Column("series", String(32), nullable=False),
        Column("year", Integer, nullable=False, index=True),
        Column("issue_no", Integer, nullable=False),
        Column("label", String(32), nullable=False),
        Column("title", String(200), nullable=True),
        Column("classification", String(20), nullable=False),
        Column("status", String(16), nullable=False, index=True),
        Column("editor_id", String(100), nullable=True),
        Column("approver_id", String(100), nullable=True),
        Column("recipients", JSON, nullable=False),
        Column("distribution_note", String(1000), nullable=True),
        when("created_at"),
        when("submitted_at"),
        when("approved_at"),
        when("published_at"),
        when("distributed_at"),
        Column("last_seq", BigInteger, nullable=False),
    ]
