"""Who may call the 社情民意 and reference-data / artifact endpoints (no tests here); the
rule type and the role groups are in `test_access_matrix_rules.py`."""

from __future__ import annotations

from datetime import UTC, datetime

from .test_access_matrix_rules import (
    ADMIN,
    AUTHOR,
    EDITORS,
    MEMBERS,
    OFFICE,
    SIGNED_IN,
    TOWNSHIP,
    TOWNSHIPS,
    UNIT,
    UNITS,
    Rule,
    rule,
)
from .test_access_matrix_world import TODAY, YEAR
from .test_opinion_helpers import report

DAY = TODAY.isoformat()
REASON = {"reason": "不符合要求"}
REPORT = "/opinion-reports/{report_id}"
ISSUE = "/bulletin-issues/{issue_id}"
POINT = "/direct-report-points/{point_id}"
OWN_REPORT = report(reporter_kind="liaison_group", liaison_group_id="chengguan")

OPINION: dict[tuple[str, str], Rule] = {
    ("POST", "/opinion-reports"): rule(EDITORS | TOWNSHIP, body=OWN_REPORT),
    ("GET", "/opinion-reports"): rule(EDITORS | TOWNSHIPS | MEMBERS),  # each sees its own
    ("GET", "/opinion-reports/stats/members"): rule(EDITORS | MEMBERS),
    ("GET", REPORT): rule(EDITORS | AUTHOR | TOWNSHIP),
    ("POST", f"{REPORT}/start-editing"): rule(EDITORS),
    ("POST", f"{REPORT}/edit"): rule(EDITORS, body={"editor_notes": "已阅"}),
    ("POST", f"{REPORT}/return"): rule(EDITORS, body=REASON),
    # the authors, the township that submitted it (not chengguan here: m1 did), the editors
    ("POST", f"{REPORT}/resubmit"): rule(EDITORS | AUTHOR),
    ("POST", f"{REPORT}/accept"): rule(EDITORS, body={"use_mode": "single_article"}),
    ("POST", f"{REPORT}/archive"): rule(EDITORS, body=REASON),
    ("POST", f"{REPORT}/forward"): rule(EDITORS, body={"departments": ["县民政局"]}),
    ("POST", f"{REPORT}/report-upward"): rule(EDITORS, body={"level": "city"}),
    ("POST", f"{REPORT}/adoptions"): rule(
        EDITORS,
        body={
            "level": "city",
            "adopting_body": "市政协",
            "mode": "single_article",
            "adopted_on": DAY,
        },
    ),
    ("POST", f"{REPORT}/instructions"): rule(
        EDITORS,
        body={"leader": "县长", "level": "county_leader", "text": "请研究", "instructed_on": DAY},
    ),
    ("POST", f"{REPORT}/feedbacks"): rule(
        EDITORS, body={"department": "县民政局", "text": "已落实", "received_on": DAY}
    ),
    ("POST", f"{REPORT}/close"): rule(EDITORS),
    ("POST", "/bulletin-issues"): rule(EDITORS, body={"year": YEAR}),
    ("POST", f"{ISSUE}/items"): rule(EDITORS, body={"report_id": "{report_id}"}),
    ("DELETE", f"{ISSUE}/items/{{report_id}}"): rule(EDITORS),
    ("POST", f"{ISSUE}/submit-for-approval"): rule(EDITORS),
    ("POST", f"{ISSUE}/approve"): rule(ADMIN),
    ("POST", f"{ISSUE}/publish"): rule(EDITORS, body={"recipients": ["县委"]}),
    ("POST", f"{ISSUE}/distribute"): rule(EDITORS),
    ("GET", "/bulletin-issues"): rule(EDITORS),
    ("GET", ISSUE): rule(EDITORS),
    ("GET", f"{ISSUE}/docx"): rule(EDITORS),
    ("POST", "/direct-report-points"): rule(
        EDITORS,
        body={
            "point_name": "城关村直报点",
            "kind": "village",
            "township_id": "chengguan",
            "contact_person": "吴九",
            "contact_phone": "13900000000",
        },
    ),
    ("POST", f"{POINT}/contact"): rule(
        EDITORS | TOWNSHIP, body={"contact_person": "吴九", "contact_phone": "13900000000"}
    ),
    ("POST", f"{POINT}/suspend"): rule(EDITORS, body=REASON),
    ("GET", "/direct-report-points"): rule(EDITORS | TOWNSHIPS),  # a township: its own
    ("GET", POINT): rule(EDITORS | TOWNSHIP),
    ("GET", "/townships/{township_id}/opinion-reports"): rule(EDITORS | TOWNSHIP),
}

SLIP_UNIT = {"unit_id": "zhujianju", "unit_name": "县住房和城乡建设局"}
GUIDE = "/topic-guides/{term_no}/{session_no}"

ARTIFACTS: dict[tuple[str, str], Rule] = {
    ("POST", "/calendar/{year}/days"): rule(
        ADMIN, body={"kind": "holiday", "days": [{"day": f"{YEAR}-10-02", "label": "国庆节"}]}
    ),
    ("POST", "/calendar/{year}/days/remove"): rule(ADMIN, body={"days": [f"{YEAR}-10-02"]}),
    ("GET", "/calendar/workdays"): rule(SIGNED_IN, query={"start": DAY, "end": DAY}),
    ("GET", "/calendar/deadline"): rule(SIGNED_IN, query={"start": DAY, "workdays": 5}),
    ("GET", "/calendar/{year}"): rule(SIGNED_IN),
    ("POST", f"{GUIDE}/items"): rule(OFFICE, body={"title": "生态保护", "category": "ecology"}),
    ("DELETE", f"{GUIDE}/items/{{item_id}}"): rule(OFFICE),
    ("POST", f"{GUIDE}/publish"): rule(OFFICE),
    ("GET", "/topic-guides"): rule(SIGNED_IN),  # others see published guides only
    # the seeded guide is not published yet: to anyone but the office it does not exist
    ("GET", GUIDE): rule(OFFICE, hidden=SIGNED_IN - OFFICE),
    ("POST", "/proposal-leads"): rule(
        OFFICE | TOWNSHIP, body={"channel": "phone", "content": "建议", "township_id": "chengguan"}
    ),
    ("POST", "/proposal-leads/{lead_id}/forward"): rule(OFFICE),
    ("POST", "/proposal-leads/{lead_id}/decline"): rule(OFFICE, body={"reason": "重复"}),
    ("GET", "/proposal-leads"): rule(OFFICE | TOWNSHIPS | MEMBERS),
    ("GET", "/proposal-leads/{lead_id}"): rule(
        OFFICE | TOWNSHIP, hidden={"township_other", *MEMBERS}
    ),
    ("GET", "/proposals/similar"): rule(
        OFFICE | TOWNSHIPS | MEMBERS,
        query={"title": "关于污水治理的建议", "term_no": 10, "session_no": 3},
    ),
    ("POST", "/assignment-slips"): rule(
        OFFICE, body={"proposal_id": "{proposal_id}", "units": [{**SLIP_UNIT, "role": "lead"}]}
    ),
    ("GET", "/assignment-slips"): rule(OFFICE | TOWNSHIPS | UNITS),
    ("GET", "/assignment-slips/{slip_id}"): rule(
        OFFICE | TOWNSHIP | UNIT,
        hidden={"township_other", "unit_other"},
        params={"slip_id": "assignment_slip_id"},
    ),
    ("POST", "/supervision-slips"): rule(
        OFFICE,
        body={
            "proposal_id": "{proposal_id}",
            **SLIP_UNIT,
            "reason": "other",
            "requirements": "加快",
        },
    ),
    ("POST", "/supervision-slips/{slip_id}/answer"): rule(UNIT, body={"response": "正在办理"}),
    ("GET", "/supervision-slips"): rule(OFFICE | TOWNSHIPS | UNITS),
    ("GET", "/supervision-slips/{slip_id}"): rule(
        OFFICE | TOWNSHIP | UNIT, hidden={"township_other", "unit_other"}
    ),
    ("POST", "/feedback-forms"): rule(
        OFFICE | AUTHOR,
        body={
            "proposal_id": "{proposal_id}",
            "reply_id": "t1-1",
            **SLIP_UNIT,
            "author_id": "m1",
            "ratings": {"process": "satisfied", "result": "satisfied"},
        },
    ),
    ("GET", "/feedback-forms"): rule(OFFICE | TOWNSHIPS | MEMBERS | UNITS),
    ("GET", "/feedback-forms/{form_id}"): rule(
        OFFICE | TOWNSHIP | AUTHOR | UNIT,
        hidden={"township_other", "member_other", "unit_other"},
    ),
    ("POST", "/handling-unit-appraisals"): rule(
        OFFICE, body={"year": YEAR, "title": "民主评议", "held_on": DAY, "units": [SLIP_UNIT]}
    ),
    ("POST", "/handling-unit-appraisals/{appraisal_id}/ballots"): rule(
        OFFICE, body={"ballots": [{"ballot_no": "001", "choices": {"zhujianju": "satisfied"}}]}
    ),
    ("POST", "/handling-unit-appraisals/{appraisal_id}/publish"): rule(OFFICE),
    ("GET", "/handling-unit-appraisals"): rule(OFFICE | UNITS),
    ("GET", "/handling-unit-appraisals/{appraisal_id}"): rule(OFFICE | UNIT, hidden={"unit_other"}),
    ("POST", "/key-proposal-supervisions"): rule(
        OFFICE,
        body={
            "proposal_id": "{proposal_id}",
            "supervising_leader": "副主席乙",
            "modes": ["research"],
            "planned_on": DAY,
        },
    ),
    ("POST", "/key-proposal-supervisions/{supervision_id}/activities"): rule(
        OFFICE,
        body={
            "mode": "symposium",
            "held_on": DAY,
            "participants": ["副主席甲"],
            "findings": "顺利",
        },
    ),
    ("POST", "/key-proposal-supervisions/{supervision_id}/report"): rule(
        OFFICE, body={"report": "督办情况总结"}
    ),
    ("GET", "/key-proposal-supervisions"): rule(OFFICE | TOWNSHIPS),
    ("GET", "/key-proposal-supervisions/{supervision_id}"): rule(
        OFFICE | TOWNSHIP, hidden={"township_other"}
    ),
    ("POST", "/handling-consultations"): rule(
        OFFICE,
        body={
            "proposal_ids": ["{proposal_id}"],
            "format": "thematic",
            "held_at": datetime.now(UTC).isoformat(),
            "participants": [{"name": "张三"}],
            "minutes": "协商纪要",
        },
    ),
    ("GET", "/handling-consultations"): rule(OFFICE | TOWNSHIPS),
    ("GET", "/handling-consultations/{consultation_id}"): rule(
        OFFICE | TOWNSHIP, hidden={"township_other"}
    ),
    ("POST", "/followup-reviews"): rule(
        OFFICE, body={"year": YEAR, "title": "回头看", "scope": "重点提案"}
    ),
    ("POST", "/followup-reviews/{review_id}/items"): rule(
        OFFICE,
        body={"proposal_id": "{proposal_id}", "promised_action": "列入计划", "status": "done"},
    ),
    ("POST", "/followup-reviews/{review_id}/conclude"): rule(OFFICE, body={"report": "报告"}),
    ("GET", "/followup-reviews"): rule(OFFICE | TOWNSHIPS),
    ("GET", "/followup-reviews/{review_id}"): rule(OFFICE | TOWNSHIP, hidden={"township_other"}),
    ("POST", "/awards/excellent-proposals"): rule(
        OFFICE, body={"year": YEAR, "proposal_id": "{proposal_id}", "level": "county"}
    ),
    ("POST", "/awards/commended-units"): rule(
        OFFICE, body={"year": YEAR, **SLIP_UNIT, "level": "county"}
    ),
    ("GET", "/awards"): rule(SIGNED_IN),  # honours are public to signed-in users
}
