"""Events of 交办 and handling tasks (DOMAIN §2.5, §2.6.1, R1, R8, R9).

Deadlines are computed by the deciders from the configuration and the working-day calendar
and carried here (`due_on`: the local date; `deadline_at`: the instant it passes), so read
models and timers need neither the configuration nor a clock.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from .events import Category, ProposalEvent, registry


class _TaskEvent(ProposalEvent):
    task_id: str
    unit_id: str


@registry.register
class ProposalAssigned(ProposalEvent):
    """交办 (registered → assigned): one `handling_task_created` follows per unit."""

    name: ClassVar[str] = "assigned"

    serial_no: str | None
    title: str
    category: Category
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    task_ids: tuple[str, ...]
    unit_ids: tuple[str, ...]
    roles: tuple[str, ...]
    assigned_at: datetime


@registry.register
class HandlingTaskCreated(_TaskEvent):
    """A unit's task: lead 主办 / co 会办 / separate 分办 / sole 独办."""

    name: ClassVar[str] = "handling_task_created"

    unit_name: str
    role: str
    serial_no: str | None
    title: str
    category: Category
    is_key: bool
    lead_author_id: str
    assigned_at: datetime
    due_on: date  # reply due (lead/separate/sole) or co-handler opinion due (co)
    deadline_at: datetime
    return_due_on: date  # last day to ask for 退办
    reassigned_from: str | None = None


@registry.register
class HandlingTaskAccepted(_TaskEvent):
    """签收."""

    name: ClassVar[str] = "handling_task_accepted"

    accepted_at: datetime


@registry.register
class ProposalHandlingStarted(ProposalEvent):
    """The first task was accepted (assigned → in_handling)."""

    name: ClassVar[str] = "handling_started"

    serial_no: str | None
    title: str
    lead_author_id: str
    started_at: datetime


@registry.register
class HandlingTaskReturnRequested(_TaskEvent):
    """申请退办, within the return window."""

    name: ClassVar[str] = "handling_task_return_requested"

    reason: str
    suggested_units: tuple[str, ...]
    requested_at: datetime


@registry.register
class HandlingTaskReassigned(_TaskEvent):
    """退办同意: the task is returned; `new_task_ids` (created alongside) replace it."""

    name: ClassVar[str] = "handling_task_reassigned"

    new_task_ids: tuple[str, ...]
    note: str | None
    decided_at: datetime


@registry.register
class HandlingTaskReturnRejected(_TaskEvent):
    """退办驳回: the unit keeps (and has thereby accepted) the task."""

    name: ClassVar[str] = "handling_task_return_rejected"

    reason: str
    decided_at: datetime


@registry.register
class HandlingContactRecorded(_TaskEvent):
    """办前面商 / 办中沟通 / 办后回访 with the proposer (feeds 面商率)."""

    name: ClassVar[str] = "handling_contact_recorded"

    kind: str
    mode: str
    contacted_on: date
    note: str | None
    recorded_at: datetime


@registry.register
class CoHandlerOpinionSubmitted(_TaskEvent):
    """会办意见 from a co-handler to the lead unit."""

    name: ClassVar[str] = "co_handler_opinion_submitted"

    lead_unit_id: str | None
    round: int
    opinion: str
    submitted_at: datetime


@registry.register
class ExtensionRequested(_TaskEvent):
    """申请延期."""

    name: ClassVar[str] = "extension_requested"

    months: int
    reason: str
    requested_at: datetime


@registry.register
class ExtensionGranted(_TaskEvent):
    """同意延期: the new due date, capped at the longest handling period."""

    name: ClassVar[str] = "extension_granted"

    months: int
    previous_due_on: date
    due_on: date
    deadline_at: datetime
    capped: bool
    granted_at: datetime


__all__ = [
    "CoHandlerOpinionSubmitted",
    "ExtensionGranted",
    "ExtensionRequested",
    "HandlingContactRecorded",
    "HandlingTaskAccepted",
    "HandlingTaskCreated",
    "HandlingTaskReassigned",
    "HandlingTaskReturnRejected",
    "HandlingTaskReturnRequested",
    "ProposalAssigned",
    "ProposalHandlingStarted",
]
