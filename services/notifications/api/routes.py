"""HTTP routes: the caller's inbox, one recipient's inbox, mark read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.notifications.api.schemas import (
    NOTIFICATION_ID_PATTERN,
    RECIPIENT_PATTERN,
    InboxItem,
    InboxPage,
)
from services.notifications.application.handlers import mark_read, recipients_of
from services.notifications.projections.inbox import InboxProjection
from services.notifications.projections.queries import InboxQuery, inbox_page
from shared.auth import CurrentPrincipal, Forbidden, Principal
from shared.http import Accepted
from shared.service import ReadAfter, Runtime, ServiceRuntime

router = APIRouter(tags=["通知"])

RecipientParam = Annotated[
    str | None,
    Query(
        pattern=RECIPIENT_PATTERN,
        max_length=90,
        description="只看该接收人的通知（member:<委员编号> 或 township:<乡镇编号>）；"
        "县政协机关可查看任意接收人",
    ),
]
RecipientPath = Annotated[str, Path(pattern=RECIPIENT_PATTERN, max_length=90, description="接收人")]
NotificationIdPath = Annotated[str, Path(pattern=NOTIFICATION_ID_PATTERN, description="通知编号")]
UnreadOnly = Annotated[bool, Query(description="只返回未读通知")]
Limit = Annotated[int, Query(ge=1, le=200, description="每页条数（1–200）")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="跳过的条数")]


def _inbox(rt: ServiceRuntime) -> InboxProjection:
    for projection in rt.runner.projections:
        if isinstance(projection, InboxProjection):
            return projection
    raise RuntimeError("inbox projection is not configured")


def _scope(principal: Principal, recipient: str | None) -> set[str] | None:
    """Which recipients the caller may read (None = all, for the county admin)."""
    own = recipients_of(principal)
    if recipient is not None:
        if principal.is_admin or recipient in own:
            return {recipient}
        raise Forbidden(f"您只能查看发给自己的通知，无权查看“{recipient}”的通知。")
    if own:
        return own
    if principal.is_admin:
        return None
    raise Forbidden("只有委员、乡镇联络组和县政协机关可以查看通知。")


async def _page(rt: ServiceRuntime, query: InboxQuery) -> InboxPage:
    async with rt.db.read() as conn:
        result = await inbox_page(conn, _inbox(rt).t, query)
    return InboxPage(
        items=[InboxItem.from_row(row) for row in result.rows],
        total=result.total,
        unread=result.unread,
        limit=query.limit,
        offset=query.offset,
    )


@router.get(
    "/inbox",
    summary="我的通知",
    description="委员看到发给 member:<编号> 的通知，乡镇联络组看到发给 township:<乡镇> 的通知；"
    "县政协机关可用 recipient 参数查看任意接收人，不带参数时查看全部。最新的在前。",
    dependencies=[ReadAfter],
)
async def my_inbox(
    principal: CurrentPrincipal,
    rt: Runtime,
    recipient: RecipientParam = None,
    unread_only: UnreadOnly = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> InboxPage:
    scope = _scope(principal, recipient)
    return await _page(rt, InboxQuery(scope, unread_only, limit, offset))


@router.get(
    "/inbox/{recipient}",
    summary="某接收人的通知",
    description="县政协机关或接收人本人可查看。最新的在前。",
    dependencies=[ReadAfter],
)
async def recipient_inbox(
    recipient: RecipientPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    unread_only: UnreadOnly = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> InboxPage:
    scope = _scope(principal, recipient)
    return await _page(rt, InboxQuery(scope, unread_only, limit, offset))


@router.post(
    "/notifications/{notification_id}/read",
    status_code=202,
    summary="标记通知为已读",
    description="只有接收人可以标记：委员标记发给自己的通知，乡镇联络组标记发给本乡镇的通知。",
)
async def read_notification(
    notification_id: NotificationIdPath,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    result = await mark_read(rt, notification_id, principal, rt.context(principal))
    return Accepted(
        id=notification_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )
