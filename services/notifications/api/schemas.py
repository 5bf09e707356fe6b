"""Response models of the notifications API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

#: How a recipient is written: `member:<id>` or `township:<id>`.
RECIPIENT_PATTERN = r"^[a-z_]{1,20}:[A-Za-z0-9_.\-]{1,64}$"
NOTIFICATION_ID_PATTERN = r"^[A-Za-z0-9\-]{1,64}$"


class InboxItem(BaseModel):
    notification_id: str = Field(description="通知编号")
    recipient: str = Field(description="接收人：member:<委员编号> 或 township:<乡镇编号>")
    template: str = Field(description="通知模板，如 proposal.registered")
    title: str = Field(description="通知标题")
    body: str = Field(description="通知内容")
    township_id: str | None = Field(description="相关乡镇（联络组）编号")
    cause_type: str = Field(description="引发通知的事件类型（ce-type）")
    sent_at: datetime = Field(description="发送时间（UTC）")
    read_at: datetime | None = Field(description="已读时间（UTC）；未读为 null")
    read: bool = Field(description="是否已读")

    @classmethod
    def from_row(cls, row: Any) -> InboxItem:
        return cls(
            notification_id=row.notification_id,
            recipient=row.recipient,
            template=row.template,
            title=row.title,
            body=row.body,
            township_id=row.township_id,
            cause_type=row.cause_type,
            sent_at=_utc(row.sent_at),
            read_at=_utc(row.read_at) if row.read_at is not None else None,
            read=row.read_at is not None,
        )


class InboxPage(BaseModel):
    items: list[InboxItem] = Field(description="本页通知，最新的在前")
    total: int = Field(description="符合条件的通知总数")
    unread: int = Field(description="未读通知数")
    limit: int = Field(description="每页条数")
    offset: int = Field(description="跳过的条数")


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
