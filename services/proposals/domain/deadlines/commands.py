"""Commands of the deadline timer (issued by the system; `actor` is `system`)."""

from __future__ import annotations

from datetime import date

from ..commands import ProposalCommand


class RecordDeadlineApproaching(ProposalCommand):
    """临近期限提醒: `threshold_days` must be the tightest threshold reached at `at`;
    `due_on` is the deadline the timer saw (another one by now = nothing to record)."""

    task_id: str
    kind: str = "reply"  # reply | co_opinion
    threshold_days: int
    due_on: date


class RecordOverdue(ProposalCommand):
    """超期: the deadline `due_on` of the task passed before `at`."""

    task_id: str
    kind: str = "reply"  # reply | co_opinion | sign_in
    due_on: date


__all__ = ["RecordDeadlineApproaching", "RecordOverdue"]
