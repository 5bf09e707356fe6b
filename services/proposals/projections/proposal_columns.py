"""Columns of `proposal_list` (one row per proposal)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Column, DateTime, Integer, String, Text

# Values of the lifecycle columns for a freshly submitted proposal.
LIFECYCLE_DEFAULTS: dict[str, Any] = {
    "returned_reason": None,
    "is_key": False,
    "key_leader_ids": [],
    "merged_into_id": None,
    "assigned_at": None,
    "replied_at": None,
    "concluded_at": None,
    "conclusion": None,
}


def proposal_columns() -> list[Column[Any]]:
    def when(name: str) -> Column[Any]:
        return Column(name, DateTime(timezone=True), nullable=True)

    return [
        Column("proposal_id", String(64), primary_key=True),
        Column("serial_no", String(32), nullable=True, index=True),
        Column("title", String(200), nullable=False),
        Column("category", String(32), nullable=False),
        Column("author_kind", String(32), nullable=False),
        Column("lead_author_id", String(64), nullable=False, index=True),
        Column("lead_author_name", String(100), nullable=True),
        Column("status", String(32), nullable=False, index=True),
        Column("term_no", Integer, nullable=False),
        Column("session_no", Integer, nullable=False),
        Column("period", String(16), nullable=False),
        Column("township_id", String(32), nullable=True, index=True),
        Column("situation", Text, nullable=False),
        Column("analysis", Text, nullable=False),
        Column("suggestions", Text, nullable=False),
        Column("suggested_units", JSON, nullable=False),
        when("submitted_at"),
        when("review_started_at"),
        when("registered_at"),
        Column("not_registered_reason", String(32), nullable=True),
        Column("disposition", String(32), nullable=True),
        Column("decision_note", Text, nullable=True),
        when("decided_at"),
        when("withdrawn_at"),
        Column("withdrawal_reason", Text, nullable=True),
        # lifecycle beyond registration
        Column("author_body_id", String(64), nullable=True),
        Column("author_body_name", String(100), nullable=True),
        Column("returned_reason", Text, nullable=True),
        Column("is_key", Boolean, nullable=False, default=False, index=True),
        Column("key_leader_ids", JSON, nullable=False),
        Column("merged_into_id", String(64), nullable=True),
        when("assigned_at"),
        when("replied_at"),
        when("concluded_at"),
        Column("conclusion", String(16), nullable=True),
        Column("last_seq", BigInteger, nullable=False),
    ]
