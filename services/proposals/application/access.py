"""Who counts as the proposals office (提案委员会 and 政协机关 staff)."""

from __future__ import annotations

OFFICE_ROLES = ("proposal_office", "county_admin")
