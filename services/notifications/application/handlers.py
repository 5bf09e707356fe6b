"""Command handlers: load → decide → append through `runtime.commands.execute`."""

from __future__ import annotations

from services.notifications.domain.commands import MarkNotificationRead, SendNotification
from services.notifications.domain.decide import (
    decide_mark_notification_read,
    decide_send_notification,
)
from services.notifications.domain.state import NotificationState, notification_decider
from shared.auth import Principal
from shared.commands import CommandContext, CommandResult, Target
from shared.events import DomainEvent
from shared.service import ServiceRuntime


def recipients_of(principal: Principal) -> set[str]:
    """The inbox addresses a principal reads and acts as: `member:<id>`, `township:<t>`."""
    members = {f"member:{m}" for m in principal.scoped("member")}
    townships = {f"township:{t}" for t in principal.townships}
    return members | townships


async def send_notification(
    rt: ServiceRuntime, command: SendNotification, ctx: CommandContext
) -> CommandResult:
    """Send once: the id is deterministic, so an existing notification makes this a no-op.

    The aggregate is loaded (not `new=True`): a redelivered cause finds the notification
    and `decide` returns nothing; a concurrent duplicate loses the concurrency check, is
    reloaded and then also decides nothing.
    """

    def decide(states: list[NotificationState]) -> list[DomainEvent]:
        return decide_send_notification(command, states[0])

    return await rt.commands.execute(
        "send_notification",
        [Target(notification_decider, command.notification_id)],
        decide,
        ctx,
    )


async def mark_read(
    rt: ServiceRuntime, notification_id: str, principal: Principal, ctx: CommandContext
) -> CommandResult:
    """Mark read. A principal holding the recipient's role acts as the recipient."""
    own = recipients_of(principal)

    def decide(states: list[NotificationState]) -> list[DomainEvent]:
        state = states[0]
        actor = state.recipient if state.recipient in own else principal.actor
        command = MarkNotificationRead(notification_id=notification_id, actor=actor, at=ctx.now)
        return decide_mark_notification_read(command, state)

    return await rt.commands.execute(
        "mark_notification_read",
        [Target(notification_decider, notification_id)],
        decide,
        ctx,
    )
