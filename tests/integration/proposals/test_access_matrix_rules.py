"""Who may call each endpoint of the proposals service (no tests here): the roles, the
rule type, and the 提案 lifecycle, statistics and exports. The 社情民意 and reference-data
endpoints are in `test_access_matrix_rules_more.py`.

To add an endpoint: one `(METHOD, path): rule(allowed roles, body=…, query=…)` line. A role
not in `allowed` must get 403 (401 without a token); `hidden` roles may get 404 instead
(a record they may not see reads as not found). Allowed roles get 200 on a GET and
anything but 401/403 on a command (2xx/404/409/422: the one seeded world cannot suit every
command). Path parameters come from the seeded world (`test_access_matrix_world.py`);
`params` points one at another world value, e.g. `{"proposal_id": "draft_id"}`. Strings in a
body may name world values as `{proposal_id}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .helpers import proposal
from .lifecycle_support import REPLY
from .test_access_matrix_world import TODAY

# role → token roles (None: no Authorization header)
ROLES: dict[str, tuple[str, ...] | None] = {
    "county_admin": ("county_admin",),
    "proposal_office": ("proposal_office",),
    "assigning_office": ("assigning_office",),
    "supervising_office": ("supervising_office",),
    "info_office": ("info_office",),
    "unit_own": ("handling_unit:zhujianju",),
    "unit_other": ("handling_unit:jiaotong",),
    "member_author": ("member:m1",),
    "member_other": ("member:m9",),
    "township_own": ("township:chengguan",),
    "township_other": ("township:dongcun",),
    "ops": ("ops",),
    "anonymous": None,
}

ADMIN = {"county_admin"}
OFFICE = ADMIN | {"proposal_office"}
ASSIGNING = ADMIN | {"assigning_office"}
SUPERVISING = ADMIN | {"supervising_office"}
EXTENSION = OFFICE | {"supervising_office"}
STAFF = OFFICE | {"assigning_office", "supervising_office"}
EDITORS = ADMIN | {"info_office"}
AUTHOR = {"member_author"}
MEMBERS = AUTHOR | {"member_other"}
TOWNSHIP = {"township_own"}
TOWNSHIPS = TOWNSHIP | {"township_other"}
UNIT = {"unit_own"}
UNITS = UNIT | {"unit_other"}
SIGNED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)
NOBODY: set[str] = set()


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    hidden: frozenset[str] = frozenset()
    body: Any = None
    query: dict[str, Any] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)


def rule(
    allowed: Iterable[str],
    *,
    hidden: Iterable[str] = (),
    body: Any = None,
    query: dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
) -> Rule:
    unknown = (set(allowed) | set(hidden)) - set(ROLES)
    assert not unknown, f"unknown roles in the access table: {unknown}"
    return Rule(frozenset(allowed), frozenset(hidden), body, query or {}, params or {})


SESSION = {"term_no": 10, "session_no": 3}
DRAFT_CONTENT = {
    "author_kind": "individual",
    "title": "关于完善公交线网的建议",
    "body": {"suggestions": "优化线路。"},
    "category": "society",
    "period": "plenary",
}
REASON = {"reason": "请补充具体建议"}
TASK = "/proposals/{proposal_id}/tasks/{task_id}"
REPLY_PATH = "/proposals/{proposal_id}/replies/{reply_id}"
DRAFT = {"proposal_id": "draft_id"}
SUBMITTED = {"proposal_id": "submitted_id"}
EVALUATION = {
    "result_satisfaction": "satisfied",
    "process_satisfaction": "satisfied",
    "evaluator_id": "m1",
}

LIFECYCLE: dict[tuple[str, str], Rule] = {
    ("GET", "/healthz"): rule(EVERYONE),
    ("GET", "/readyz"): rule(EVERYONE),
    ("GET", "/metrics"): rule(EVERYONE),
    # --- submission and review ---
    ("POST", "/proposals"): rule(OFFICE | MEMBERS, body=proposal()),
    ("POST", "/proposals/{proposal_id}/review"): rule(OFFICE, params=SUBMITTED),
    ("POST", "/proposals/{proposal_id}/register"): rule(OFFICE, params=SUBMITTED),
    ("POST", "/proposals/{proposal_id}/decline"): rule(
        OFFICE, body={"reason": "vague_no_suggestion", "disposition": "none"}
    ),
    ("POST", "/proposals/{proposal_id}/withdraw"): rule(AUTHOR, params=SUBMITTED),
    ("POST", "/proposals/drafts"): rule(
        OFFICE | AUTHOR, body={**DRAFT_CONTENT, **SESSION, "lead_author_id": "m1"}
    ),
    ("PUT", "/proposals/{proposal_id}/draft"): rule(
        OFFICE | AUTHOR, body=DRAFT_CONTENT, params=DRAFT
    ),
    ("POST", "/proposals/{proposal_id}/cosigners"): rule(
        AUTHOR, body={"member_ids": ["m9"]}, params=DRAFT
    ),
    # only the invitee (m2, not among the roles) signs or declines
    ("POST", "/proposals/{proposal_id}/cosigners/{member_id}/sign"): rule(NOBODY, params=DRAFT),
    ("POST", "/proposals/{proposal_id}/cosigners/{member_id}/decline"): rule(NOBODY, params=DRAFT),
    ("POST", "/proposals/{proposal_id}/cosigners/{member_id}/cancel"): rule(AUTHOR, params=DRAFT),
    ("POST", "/proposals/{proposal_id}/submit"): rule(OFFICE | AUTHOR, params=DRAFT),
    ("POST", "/proposals/{proposal_id}/return"): rule(OFFICE, body=REASON),
    ("POST", "/proposals/{proposal_id}/review-opinions"): rule(
        OFFICE, body={"stage": "first_review", "opinion": "同意立案"}
    ),
    ("POST", "/proposals/{proposal_id}/merge"): rule(
        OFFICE, body={"secondary_ids": ["{submitted_id}"]}
    ),
    ("POST", "/proposals/{proposal_id}/key"): rule(
        OFFICE, body={"supervising_leader_ids": ["vice-chair-2"]}
    ),
    # --- assignment and handling ---
    ("POST", "/proposals/{proposal_id}/assign"): rule(
        ASSIGNING, body={"units": [{"unit_id": "jiaotong", "role": "lead"}]}
    ),
    ("POST", f"{TASK}/accept"): rule(UNIT),
    ("POST", f"{TASK}/return-request"): rule(UNIT, body={"reason": "不属于本单位职责"}),
    ("POST", f"{TASK}/return-approval"): rule(ASSIGNING),
    ("POST", f"{TASK}/return-rejection"): rule(ASSIGNING, body=REASON),
    ("POST", f"{TASK}/co-opinion"): rule(UNIT, body={"opinion": "同意"}),
    ("POST", f"{TASK}/extension-request"): rule(UNIT, body={"reason": "需协调", "months": 1}),
    ("POST", f"{TASK}/extension"): rule(EXTENSION),
    ("POST", f"{TASK}/contacts"): rule(
        UNIT, body={"kind": "mid", "mode": "phone", "contacted_on": TODAY.isoformat()}
    ),
    ("POST", f"{TASK}/quality-rating"): rule(UNIT, body={"quality": "good"}),
    ("POST", f"{TASK}/reply"): rule(UNIT, body=REPLY),
    ("POST", f"{TASK}/reply/cosign-request"): rule(UNIT),
    ("POST", f"{TASK}/cosign"): rule(UNIT),
    ("POST", f"{TASK}/reply/submit"): rule(UNIT),
    ("POST", f"{TASK}/reply/approve"): rule(SUPERVISING),
    ("POST", f"{TASK}/reply/reject"): rule(SUPERVISING, body=REASON),
    # --- evaluation and conclusion ---
    # online: the author only (the office enters paper forms, channel=paper)
    ("POST", f"{REPLY_PATH}/evaluation"): rule(AUTHOR, body=EVALUATION),
    ("POST", f"{REPLY_PATH}/evaluation-lapsed"): rule(OFFICE),
    ("POST", f"{REPLY_PATH}/rehandling"): rule(OFFICE),
    ("POST", "/proposals/{proposal_id}/conclude"): rule(OFFICE),
    # --- handling units ---
    ("POST", "/handling-units"): rule(
        ADMIN, body={"unit_id": "xinbu", "name": "县新部门", "kind": "government_department"}
    ),
    ("POST", "/handling-units/{unit_id}/rename"): rule(ADMIN, body={"name": "县住建局"}),
    ("POST", "/handling-units/{unit_id}/deactivate"): rule(ADMIN),
    ("GET", "/handling-units"): rule(SIGNED_IN),  # reference data: names of the units
    ("GET", "/handling-units/{unit_id}/tasks"): rule(STAFF | UNIT),
    # --- queries ---
    ("GET", "/proposals"): rule(STAFF | MEMBERS | TOWNSHIPS | UNITS),  # each sees its own
    ("GET", "/proposals/{proposal_id}"): rule(STAFF | AUTHOR | TOWNSHIP | UNIT),
    ("GET", "/proposals/{proposal_id}/history"): rule(STAFF | AUTHOR | UNIT),
    ("GET", "/townships/{township_id}/proposals"): rule(OFFICE | TOWNSHIP),
    # --- statistics and exports ---
    ("GET", "/statistics"): rule(STAFF, query=SESSION),
    ("GET", "/townships/{township_id}/statistics"): rule(STAFF | TOWNSHIP, query=SESSION),
    ("GET", "/exports/compilation.xlsx"): rule(OFFICE, query=SESSION),
    ("GET", "/exports/compilation.csv"): rule(OFFICE, query=SESSION),
    ("GET", "/exports/statistics.xlsx"): rule(OFFICE, query=SESSION),
    ("GET", "/exports/statistics.csv"): rule(OFFICE, query=SESSION),
}
