"""Who counts as which office (roles in `shared.auth`)."""

from __future__ import annotations

# 提案委员会 and 政协机关 staff: review, register, decline, merge, key, paper evaluations.
OFFICE_ROLES = ("proposal_office", "county_admin")
# 交办机关 (县委办/县政府办督查室): assign, decide return requests.
ASSIGNING_ROLES = ("assigning_office", "county_admin")
# 督办部门: review replies (may change the result class).
SUPERVISING_ROLES = ("supervising_office", "county_admin")
# 延期 is approved by 提案委 or 督查室.
EXTENSION_ROLES = ("proposal_office", "supervising_office", "county_admin")
# Staff who see every submitted proposal.
STAFF_ROLES = ("proposal_office", "county_admin", "assigning_office", "supervising_office")
# 承办单位 reference data.
UNIT_ADMIN_ROLES = ("county_admin",)
