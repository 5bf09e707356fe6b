"""Table definitions of the `directory` read model (columns only; names get the prefix).

Personal data is kept only as ciphertext (`*_ct`) with its key id; forgetting a member
clears the ciphertexts and sets `pii_forgotten`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Text

ID = String(64)
CODE = String(64)


def group_columns() -> list[Any]:
    return [
        Column("township_id", ID, primary_key=True),
        Column("group_name", Text, nullable=False),
        Column("township_name", Text, nullable=False),
        Column("established_at", DateTime(timezone=True), nullable=False),
    ]


def member_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("name", Text, nullable=False),
        Column("sector", Text, nullable=False),
        Column("political_affiliation", Text, nullable=False),
        Column("township_id", ID, nullable=False, index=True),
        Column("term_no", Integer, nullable=False),
        Column("is_standing_member", Boolean, nullable=False),
        Column("work_unit", Text),
        Column("registered_at", DateTime(timezone=True), nullable=False),
        Column("sector_id", ID, index=True),
        Column("member_type", CODE, nullable=False),
        Column("active", Boolean, nullable=False),
        Column("exit_reason", CODE),
        Column("left_at", Date),
        Column("gender", CODE),
        Column("ethnicity", Text),
        Column("birth_date", Date),
        Column("position", Text),
        Column("is_non_public_economy", Boolean, nullable=False),
        Column("is_new_social_stratum", Boolean, nullable=False),
        Column("enterprise_name", Text),
        Column("pii_key_id", ID),
        Column("phone_ct", Text),
        Column("id_number_ct", Text),
        Column("address_ct", Text),
        Column("pii_forgotten", Boolean, nullable=False),
    ]


def sector_columns() -> list[Any]:
    return [
        Column("sector_id", ID, primary_key=True),
        Column("name", Text, nullable=False, index=True),
        Column("kind", CODE, nullable=False),
        Column("sort", Integer, nullable=False),
        Column("name_en", Text),
        Column("retired", Boolean, nullable=False),
        Column("established_at", DateTime(timezone=True), nullable=False),
    ]


def term_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("term_no", Integer, primary_key=True),
        Column("member_type", CODE, nullable=False),
        Column("joined_at", Date),
        Column("left_at", Date),
        Column("exit_reason", CODE),
    ]


def committee_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("committee", String(64), primary_key=True),
        Column("joined_at", DateTime(timezone=True), nullable=False),
    ]


def change_columns() -> list[Any]:
    """One row per recorded change of a member's sector, affiliation, group or profile."""
    return [
        Column("event_id", ID, primary_key=True),
        Column("member_id", ID, nullable=False, index=True),
        Column("kind", CODE, nullable=False),
        Column("from_value", Text),
        Column("to_value", Text),
        Column("reason", Text),
        Column("changed_at", DateTime(timezone=True), nullable=False),
    ]
