"""社情民意 over HTTP: who may see and do what (401/403), unknown ids (404), bad input
(422) and steps not allowed in the current state (409), all with Chinese messages."""

from __future__ import annotations

import httpx

from .helpers import Members, auth, member, township
from .test_opinion_helpers import YEAR, accepted_report, admin, editor, read, step, submit

UNKNOWN = "01a2a2a2-0000-7000-8000-000000000000"


async def test_who_sees_which_reports(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    mine = (await submit(client, member("m1"), members.min_seq, township_ids=[])).json()
    other = (await submit(client, member("m2"), members.min_seq, township_ids=[])).json()
    seq = max(mine["seq"], other["seq"])

    listed = await read(client, "/opinion-reports", member("m1"), seq)
    assert [i["report_id"] for i in listed["items"]] == [mine["id"]]
    listed = await read(client, "/opinion-reports", township("xinzhuang"), seq)
    assert [i["report_id"] for i in listed["items"]] == [other["id"]]
    assert (await read(client, "/opinion-reports", admin(), seq))["total"] == 2
    r = await client.get(f"/opinion-reports/{other['id']}", headers=member("m1"))
    assert r.status_code == 403 and "无权查看" in r.json()["detail"]
    r = await client.get(f"/opinion-reports/{mine['id']}", headers=township("xinzhuang"))
    assert r.status_code == 403
    r = await client.get("/opinion-reports", headers=auth("x", "ops"))
    assert r.status_code == 403
    r = await client.get("/opinion-reports")
    assert r.status_code == 401
    r = await client.get(
        "/opinion-reports", headers=township("chengguan"), params={"township_id": "xinzhuang"}
    )
    assert r.status_code == 403
    r = await client.get(
        "/opinion-reports/stats/members", headers=member("m1"), params={"member_id": "m2"}
    )
    assert r.status_code == 403 and "本人" in r.json()["detail"]


async def test_only_the_info_office_edits_and_compiles(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, member("m1"), members.min_seq)
    rid = r.json()["id"]
    for headers in (member("m1"), township("chengguan"), auth("p", "proposal_office")):
        r = await client.post(f"/opinion-reports/{rid}/start-editing", headers=headers)
        assert r.status_code == 403
        assert "县政协信息中心编辑人员" in r.json()["detail"]
    r = await client.post("/bulletin-issues", json={"year": YEAR}, headers=member("m1"))
    assert r.status_code == 403
    r = await client.get("/bulletin-issues", headers=township("chengguan"))
    assert r.status_code == 403
    r = await submit(client, member("m1"), author_ids=["m2"])
    assert r.status_code == 403 and "本人为作者" in r.json()["detail"]
    r = await submit(client, member("m1"), reporter_kind="party_org", reporter_name="民盟")
    assert r.status_code == 403
    r = await submit(client, auth("x", "ops"))
    assert r.status_code == 403 and "没有报送" in r.json()["detail"]


async def test_unknown_ids_are_404(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/opinion-reports/{UNKNOWN}", headers=editor())
    assert r.status_code == 404 and r.json()["detail"].startswith("未找到该社情民意信息")
    r = await client.post(f"/opinion-reports/{UNKNOWN}/start-editing", headers=editor())
    assert r.status_code == 404
    r = await client.get(f"/bulletin-issues/{UNKNOWN}", headers=editor())
    assert r.status_code == 404 and "未找到该期《社情民意》" in r.json()["detail"]
    r = await client.get(f"/bulletin-issues/{UNKNOWN}/docx", headers=editor())
    assert r.status_code == 404
    r = await client.post(
        f"/bulletin-issues/{UNKNOWN}/publish", json={"recipients": ["县委"]}, headers=editor()
    )
    assert r.status_code == 404
    r = await client.get(f"/direct-report-points/{UNKNOWN}", headers=editor())
    assert r.status_code == 404
    r = await submit(
        client, editor(), reporter_kind="direct_report_point", direct_report_point_id=UNKNOWN
    )
    assert r.status_code == 404 and "直报点" in r.json()["detail"]


async def test_bad_input_is_422_in_chinese(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    m1 = member("m1")
    r = await submit(client, m1, members.min_seq, info_nature="rumour")
    assert r.status_code == 422 and "信息性质“rumour”无效" in r.json()["detail"]
    assert "苗头性问题（emerging_issue）" in r.json()["detail"]
    r = await submit(client, m1, title="关于道路；关于学校")
    assert r.status_code == 422 and r.json()["detail"].startswith("一事一报")
    r = await submit(client, m1, body={"situation": "", "suggestions": "建议"})
    assert r.status_code == 422 and "请写明反映的情况" in r.json()["detail"]
    r = await submit(client, m1, colour="red")
    assert r.status_code == 422 and "不认识的字段“colour”" in r.json()["detail"]
    r = await submit(client, m1, township_ids=["Bad Id"])
    assert r.status_code == 422
    r = await submit(client, editor(), reporter_kind="member", author_ids=["ghost"])
    assert r.status_code == 422 and "作者不是已登记的委员：ghost" in r.json()["detail"]
    r = await submit(client, editor(), reporter_kind="party_org")
    assert r.status_code == 422 and "请填写报送单位" in r.json()["detail"]
    r = await client.post("/bulletin-issues", json={"year": 1999}, headers=editor())
    assert r.status_code == 422
    r = await client.post(
        "/bulletin-issues", json={"year": YEAR, "series": "weekly"}, headers=editor()
    )
    assert r.status_code == 422 and "刊物系列“weekly”无效" in r.json()["detail"]
    r = await client.get("/opinion-reports/bad.id", headers=editor())
    assert r.status_code == 422


async def test_steps_out_of_order_are_409(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, member("m1"), members.min_seq)
    rid = r.json()["id"]
    r = await client.post(
        f"/opinion-reports/{rid}/accept", json={"use_mode": "compiled"}, headers=editor()
    )
    assert r.status_code == 409
    assert r.json()["detail"] == "该社情民意信息当前状态为“已报送”，不能采用"

    issue = await step(client, "/bulletin-issues", status=201, year=YEAR)
    r = await client.post(
        f"/bulletin-issues/{issue['id']}/items", json={"report_id": rid}, headers=editor()
    )
    assert r.status_code == 409 and "只有“拟采用”的信息才能编入期刊" in r.json()["detail"]
    r = await client.post(f"/bulletin-issues/{issue['id']}/submit-for-approval", headers=editor())
    assert r.status_code == 409 and r.json()["detail"] == "本期还没有编入任何稿件，不能送审"

    good = await accepted_report(client, member("m1"), title="关于村道安全隐患的情况反映")
    await step(client, f"/bulletin-issues/{issue['id']}/items", report_id=good)
    r = await client.post(
        f"/bulletin-issues/{issue['id']}/publish", json={"recipients": ["县委"]}, headers=editor()
    )
    assert r.status_code == 409 and "不能印发" in r.json()["detail"]
    r = await client.post(
        f"/opinion-reports/{good}/adoptions",
        json={
            "level": "province",
            "adopting_body": "省政协",
            "mode": "compiled",
            "adopted_on": f"{YEAR}-01-01",
        },
        headers=editor(),
    )
    assert r.status_code == 409 and "尚未向上级政协报送" in r.json()["detail"]


async def test_return_and_resubmit_by_the_author(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    rid = (await submit(client, member("m1"), members.min_seq)).json()["id"]
    await step(client, f"/opinion-reports/{rid}/start-editing")
    await step(client, f"/opinion-reports/{rid}/return", reason="请补充具体数据")
    r = await client.post(f"/opinion-reports/{rid}/resubmit", headers=member("m2"))
    assert r.status_code == 403 and "作者本人" in r.json()["detail"]
    done = await step(
        client,
        f"/opinion-reports/{rid}/resubmit",
        headers=member("m1"),
        title="关于农村助餐点覆盖不足的情况反映",
    )
    found = await read(client, f"/opinion-reports/{rid}", member("m1"), done["seq"])
    assert found["status"]["code"] == "submitted"
    assert found["title"] == "关于农村助餐点覆盖不足的情况反映"
    assert found["return_reason"] == "请补充具体数据"
