"""Who may do what with 社情民意 reports, issues and direct report points.

- `info_office` (县政协信息中心 editors) and `county_admin`: edit, accept, archive, compile
  issues, record adoptions / instructions / feedback, manage direct report points; see all.
- `county_admin` alone approves an issue (秘书长/分管副主席 sign-off).
- `member:<m>`: submits reports as their author; sees the reports they authored.
- `township:<t>`: submits for its liaison group or for a direct report point in t; sees the
  reports attributed to t (its members', about t, submitted by its group or points).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.auth import Forbidden, Principal

EDITOR_ROLES = ("info_office", "county_admin")
APPROVER_ROLES = ("county_admin",)
TOWNSHIP_KINDS = ("liaison_group", "direct_report_point")


def is_editor(principal: Principal) -> bool:
    return principal.has(*EDITOR_ROLES)


def require_editor(principal: Principal, action: str) -> None:
    if not is_editor(principal):
        raise Forbidden(f"只有县政协信息中心编辑人员或政协机关工作人员可以{action}。")


def require_approver(principal: Principal) -> None:
    if not principal.has(*APPROVER_ROLES):
        raise Forbidden("只有政协机关负责人（county_admin）可以审批《社情民意》。")


@dataclass(frozen=True)
class OpinionViewer:
    office: bool
    townships: frozenset[str]
    member_ids: frozenset[str]

    @classmethod
    def of(cls, principal: Principal) -> OpinionViewer:
        return cls(
            office=is_editor(principal),
            townships=frozenset(principal.townships),
            member_ids=frozenset(principal.scoped("member")),
        )

    @property
    def may_list(self) -> bool:
        return self.office or bool(self.townships) or bool(self.member_ids)

    def may_see(self, author_ids: set[str], township_ids: set[str]) -> bool:
        return (
            self.office or bool(author_ids & self.member_ids) or bool(township_ids & self.townships)
        )
