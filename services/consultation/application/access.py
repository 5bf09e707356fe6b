"""Who may do what with a consultation (county office everywhere, a township in its own)."""

from __future__ import annotations

from collections.abc import Iterable

from shared.auth import Forbidden, Principal

NO_ROLE = "您的账号没有执行此操作的权限。"
COUNTY_ONLY = "县级协商活动由县政协机关办理；乡镇联络组只能安排和办理本乡镇的协商活动。"


def require_may_act(principal: Principal, township_id: str | None) -> None:
    """Schedule/hold/adopt/postpone/cancel: `county_admin`, or `township:<t>` for t's own."""
    if principal.is_admin:
        return
    if not principal.townships:
        raise Forbidden(NO_ROLE)
    if township_id is None:
        raise Forbidden(COUNTY_ONLY)
    principal.require_township(township_id)


def require_reader(principal: Principal) -> None:
    """Reads: the county office, or a township liaison group's staff."""
    if not (principal.is_admin or principal.townships):
        raise Forbidden(NO_ROLE)


def may_read(principal: Principal, townships: Iterable[str | None]) -> bool:
    """A township sees a consultation held in it or attended by its members (DOMAIN §6.2)."""
    if principal.is_admin:
        return True
    return any(t is not None and t in principal.townships for t in townships)


def require_may_read(principal: Principal, townships: Iterable[str | None]) -> None:
    if not may_read(principal, townships):
        raise Forbidden("该协商活动不属于您所在的乡镇，也没有本乡镇的委员参加，您无权查看。")
