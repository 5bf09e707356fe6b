"""The one world the access matrix runs against (no tests here), seeded over HTTP:

- members m1 张三 (chengguan, the author), m2 李四 (xinzhuang, invited co-signer),
  m9 王五 (dongcun, another member); units zhujianju (own), huanbao, jiaotong (other);
- proposal A: by m1, registered, key, 主办 zhujianju (t1) + 会办 huanbao (t2); the reply
  t1-1 is issued and awaits m1's evaluation; proposal S: by m1, submitted; draft D: by m1,
  joint, m2 invited;
- a report by m1 about chengguan, a 《社情民意》 issue, a direct report point in
  chengguan; a topic-guide item, a lead, supervision slip, feedback form, a published
  appraisal, key supervision, handling consultation and 回头看 with an item about A —
  each id is a path parameter value.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from services.proposals.application.artifacts_slips import assignment_slip_id
from services.proposals.domain.opinion.state import CHINA_TZ

from .helpers import Members, member, office, submitted
from .lifecycle_support import REPLY, assigning, ok, register_units, supervising, unit
from .test_opinion_helpers import editor
from .test_opinion_helpers import report as report_body

TODAY = datetime.now(CHINA_TZ).date()
YEAR = TODAY.year


async def _post(
    client: httpx.AsyncClient,
    path: str,
    headers: dict[str, str],
    body: dict[str, Any] | None = None,
    status: int = 202,
) -> str:
    """POST and return the id the service answered with."""
    return str(ok(await client.post(path, json=body, headers=headers), status)["id"])


async def _proposal_a(client: httpx.AsyncClient, members: Members) -> str:
    pid = await submitted(client, members, "m1", title="关于加快农村生活污水治理的建议")
    await _post(client, f"/proposals/{pid}/register", office())
    key = {"supervising_leader_ids": ["vice-chair-1"]}
    await _post(client, f"/proposals/{pid}/key", office(), key)
    units = [{"unit_id": "zhujianju", "role": "lead"}, {"unit_id": "huanbao", "role": "co"}]
    await _post(client, f"/proposals/{pid}/assign", assigning(), {"units": units})
    task = f"/proposals/{pid}/tasks"
    await _post(client, f"{task}/t1/accept", unit("zhujianju"))
    await _post(client, f"{task}/t2/accept", unit("huanbao"))
    await _post(client, f"{task}/t2/co-opinion", unit("huanbao"), {"opinion": "同意"})
    await _post(client, f"{task}/t1/reply", unit("zhujianju"), REPLY)
    await _post(client, f"{task}/t1/reply/cosign-request", unit("zhujianju"))
    await _post(client, f"{task}/t2/cosign", unit("huanbao"))
    await _post(client, f"{task}/t1/reply/submit", unit("zhujianju"))
    await _post(client, f"{task}/t1/reply/approve", supervising())
    return pid


async def _draft(client: httpx.AsyncClient) -> str:
    body = {
        "author_kind": "joint",
        "title": "关于完善公交线网的建议",
        "body": {"suggestions": "优化线路。"},
        "category": "society",
        "period": "plenary",
        "term_no": 10,
        "session_no": 3,
    }
    did = await _post(client, "/proposals/drafts", member("m1"), body, 201)
    await _post(client, f"/proposals/{did}/cosigners", member("m1"), {"member_ids": ["m2"]})
    return did


async def _opinion(client: httpx.AsyncClient) -> dict[str, str]:
    report = await _post(client, "/opinion-reports", member("m1"), report_body(), 201)
    issue = await _post(client, "/bulletin-issues", editor(), {"year": YEAR}, 201)
    point = {
        "point_name": "城关社区直报点",
        "kind": "community",
        "township_id": "chengguan",
        "contact_person": "周八",
        "contact_phone": "13800000000",
    }
    point_id = await _post(client, "/direct-report-points", editor(), point, 201)
    return {"report_id": report, "issue_id": issue, "point_id": point_id}


async def _artifacts(client: httpx.AsyncClient, pid: str) -> dict[str, str]:
    item = {"title": "乡村振兴", "category": "economy"}
    item_id = await _post(client, "/topic-guides/10/3/items", office(), item, 201)
    lead = {"channel": "phone", "content": "建议加强农村污水治理", "township_id": "chengguan"}
    lead_id = await _post(client, "/proposal-leads", office(), lead, 201)
    slip = {
        "proposal_id": pid,
        "unit_id": "zhujianju",
        "unit_name": "县住房和城乡建设局",
        "reason": "key_proposal",
        "requirements": "请加快办理",
    }
    slip_id = await _post(client, "/supervision-slips", office(), slip, 201)
    form = {
        "proposal_id": pid,
        "reply_id": "t1-1",
        "unit_id": "zhujianju",
        "unit_name": "县住房和城乡建设局",
        "ratings": {"process": "satisfied", "result": "satisfied"},
    }
    form_id = await _post(client, "/feedback-forms", member("m1"), form, 201)
    appraisal = {
        "year": YEAR,
        "title": "承办单位民主评议",
        "held_on": TODAY.isoformat(),
        "units": [{"unit_id": "zhujianju", "unit_name": "县住房和城乡建设局"}],
    }
    appraisal_id = await _post(client, "/handling-unit-appraisals", office(), appraisal, 201)
    base = f"/handling-unit-appraisals/{appraisal_id}"
    ballots = {"ballots": [{"ballot_no": "001", "choices": {"zhujianju": "satisfied"}}]}
    await _post(client, f"{base}/ballots", office(), ballots)
    await _post(client, f"{base}/publish", office())
    plan = {
        "proposal_id": pid,
        "supervising_leader": "副主席甲",
        "modes": ["symposium"],
        "planned_on": TODAY.isoformat(),
    }
    supervision_id = await _post(client, "/key-proposal-supervisions", office(), plan, 201)
    consultation = {
        "proposal_ids": [pid],
        "format": "handling",
        "held_at": datetime.now(UTC).isoformat(),
        "participants": [{"name": "张三", "affiliation": "委员"}],
        "minutes": "当面协商办理意见",
    }
    consultation_id = await _post(client, "/handling-consultations", office(), consultation, 201)
    review = {"year": YEAR, "title": "年度回头看", "scope": "B类答复"}
    review_id = await _post(client, "/followup-reviews", office(), review, 201)
    item = {"proposal_id": pid, "promised_action": "列入年度计划", "status": "in_progress"}
    await _post(client, f"/followup-reviews/{review_id}/items", office(), item)
    return {
        "item_id": item_id,
        "lead_id": lead_id,
        "slip_id": slip_id,
        "form_id": form_id,
        "appraisal_id": appraisal_id,
        "supervision_id": supervision_id,
        "consultation_id": consultation_id,
        "review_id": review_id,
    }


async def _slip_issued(client: httpx.AsyncClient, slip_id: str) -> None:
    """The 交办单 a policy issues on 交办 (poll: it follows the assignment)."""
    deadline = time.monotonic() + 10
    while True:
        r = await client.get(f"/assignment-slips/{slip_id}", headers=office())
        if r.status_code == 200 or time.monotonic() > deadline:
            assert r.status_code == 200, r.text
            return
        await asyncio.sleep(0.05)


async def seed(client: httpx.AsyncClient, members: Members) -> dict[str, str]:
    """Path parameter values of the seeded world."""
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    await members.register("m9", "王五", "dongcun")
    await register_units(client)
    pid = await _proposal_a(client, members)
    values = {
        "proposal_id": pid,
        "submitted_id": await submitted(client, members, "m1", title="关于建设口袋公园的建议"),
        "draft_id": await _draft(client),
        "task_id": "t1",
        "reply_id": "t1-1",
        "member_id": "m2",
        "unit_id": "zhujianju",
        "township_id": "chengguan",
        "term_no": "10",
        "session_no": "3",
        "year": str(YEAR),
        **await _opinion(client),
        **await _artifacts(client, pid),
        "assignment_slip_id": assignment_slip_id(pid),
    }
    await _slip_issued(client, values["assignment_slip_id"])
    return values
