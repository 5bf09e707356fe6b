"""Second end-to-end path over HTTP with role tokens: a member's proposal is declined and
routed to 社情民意 (to_public_opinion) → the policy creates the report → the info office
edits and accepts it → an issue of 《社情民意》 is compiled, approved by the county office
and published → the report goes up to the city CPPCC and is adopted there. The chain holds:
the report names its proposal, the issue contains the report, the adoption is city-level."""

from __future__ import annotations

from datetime import datetime

import httpx
from nats.aio.client import Client as NATS

from services.proposals.domain.opinion.state import CHINA_TZ
from shared.ids import stable_id

from .helpers import Members, member, office, submitted, township
from .lifecycle_support import post
from .test_opinion_conversion import until_found
from .test_opinion_helpers import YEAR, admin, editor, read, step


async def test_declined_proposal_becomes_a_report_adopted_by_the_city(
    client: httpx.AsyncClient, members: Members, nc: NATS
) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    pid = await submitted(
        client,
        members,
        "m1",
        author_kind="joint",
        co_author_ids=["m2"],
        title="关于规范校外培训机构收费的建议",
        category="society",
    )
    decline = {
        "reason": "vague_no_suggestion",
        "disposition": "to_public_opinion",
        "note": "建议作为社情民意信息反映",
    }
    r = await client.post(f"/proposals/{pid}/decline", json=decline, headers=member("m1"))
    assert r.status_code == 403
    declined = await post(client, f"/proposals/{pid}/decline", office(), decline)

    proposal = await read(client, f"/proposals/{pid}", member("m1"), declined["seq"])
    assert proposal["status"]["code"] == "not_registered"
    assert proposal["decision"]["disposition"] == {
        "code": "to_public_opinion",
        "label": "转为社情民意信息",
    }

    rid = stable_id(pid, "opinion_report")
    report = await until_found(client, nc, f"/opinion-reports/{rid}", editor())
    assert report["origin_proposal_id"] == pid
    assert report["source_channel"]["code"] == "from_proposal"
    assert report["status"]["code"] == "submitted"
    assert [a["member_id"] for a in report["authors"]] == ["m1", "m2"]
    assert report["title"] == "关于规范校外培训机构收费的建议"
    mine = await until_found(client, nc, f"/opinion-reports/{rid}", member("m2"))
    assert mine["report_id"] == rid
    r = await client.get(f"/opinion-reports/{rid}", headers=township("dongcun"))
    assert r.status_code == 403

    base = f"/opinion-reports/{rid}"
    r = await client.post(f"{base}/start-editing", headers=office())
    assert r.status_code == 403  # the proposal office is not an editor of 社情民意
    await step(client, f"{base}/start-editing")
    await step(
        client, f"{base}/edit", edited_title="校外培训机构预收费亟需监管", editor_notes="精简"
    )
    await step(client, f"{base}/accept", use_mode="single_article")

    issue = await step(client, "/bulletin-issues", status=201, year=YEAR, title="教育专题")
    iid = issue["id"]
    await step(client, f"/bulletin-issues/{iid}/items", report_id=rid, mode="single")
    await step(client, f"/bulletin-issues/{iid}/submit-for-approval")
    r = await client.post(f"/bulletin-issues/{iid}/approve", headers=office())
    assert r.status_code == 403
    await step(client, f"/bulletin-issues/{iid}/approve", headers=admin())
    published = await step(client, f"/bulletin-issues/{iid}/publish", recipients=["县委主要领导"])

    detail = await read(client, f"/bulletin-issues/{iid}", editor(), published["seq"])
    assert detail["status"]["code"] == "published"
    assert [i["report_id"] for i in detail["items"]] == [rid]
    assert detail["label"] == issue["label"]

    await step(client, f"{base}/report-upward", level="city", recipient="市政协信息处")
    today = datetime.now(CHINA_TZ).date().isoformat()
    adopted = await step(
        client,
        f"{base}/adoptions",
        level="city",
        adopting_body="市政协",
        vehicle="《市政协社情民意》",
        mode="single_article",
        adopted_on=today,
    )

    final = await read(client, base, editor(), adopted["seq"])
    assert final["origin_proposal_id"] == pid
    assert final["status"]["code"] == "reported_upward" and final["published_at"]
    assert final["issue_label"] == issue["label"]
    assert final["title"] == "校外培训机构预收费亟需监管"
    assert final["upward_levels"] == [{"code": "city", "label": "市政协"}]
    assert [(a["level"]["code"], a["adopting_body"]) for a in final["adoptions"]] == [
        ("city", "市政协")
    ]
    listed = await read(client, "/opinion-reports", editor(), adopted["seq"], adopted_level="city")
    assert [i["report_id"] for i in listed["items"]] == [rid]
    panel = await read(
        client, "/townships/xinzhuang/opinion-reports", township("xinzhuang"), adopted["seq"]
    )
    assert [i["report_id"] for i in panel["page"]["items"]] == [rid]
    stats = await read(client, "/opinion-reports/stats/members", member("m1"), adopted["seq"])
    assert stats[0]["adopted"]["city"] == 1 and stats[0]["published"] == 1
