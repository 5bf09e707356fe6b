"""Submitting proposals over HTTP: authors looked up in the member roll, Chinese errors."""

from __future__ import annotations

import json

import httpx
from nats.aio.client import Client as NATS

from .helpers import Members, auth, member, office, proposal, read, submit, township


async def test_member_submits_an_individual_proposal(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, member("m1"), members.min_seq)
    assert r.status_code == 201, r.text
    accepted = r.json()
    assert accepted["stream"] == "PROPOSALS" and accepted["seq"] >= 1

    r = await read(client, f"/proposals/{accepted['id']}", member("m1"), accepted["seq"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == {"code": "submitted", "label": "已提交"}
    assert body["lead_author_id"] == "m1" and body["lead_author_name"] == "张三"
    assert body["township_id"] == "chengguan"
    assert body["category"] == {"code": "ecology", "label": "生态文明建设"}
    assert body["authors"] == [
        {"member_id": "m1", "name": "张三", "township_id": "chengguan", "role": "lead"}
    ]
    assert body["body"]["suggestions"].startswith("一是")
    assert body["serial_no"] is None and body["decision"] is None


async def test_joint_proposal_is_attributed_to_every_authors_township(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    r = await submit(
        client, member("m1"), members.min_seq, author_kind="joint", co_author_ids=["m2"]
    )
    assert r.status_code == 201, r.text
    pid, seq = r.json()["id"], r.json()["seq"]

    for clerk in ("chengguan", "xinzhuang"):
        r = await read(client, f"/proposals/{pid}", township(clerk), seq)
        assert r.status_code == 200, r.text
        assert [a["township_id"] for a in r.json()["authors"]] == ["chengguan", "xinzhuang"]
    r = await read(client, f"/proposals/{pid}", member("m2"), seq)
    assert r.status_code == 200 and r.json()["authors"][1]["role"] == "co"
    r = await read(client, f"/proposals/{pid}", township("dongcun"), seq)
    assert r.status_code == 403 and "无权查看" in r.json()["detail"]


async def test_office_submits_on_a_members_behalf_but_a_member_cannot(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, office(), members.min_seq, lead_author_id="m1")
    assert r.status_code == 201, r.text

    r = await submit(client, member("m9"), members.min_seq, lead_author_id="m1")
    assert r.status_code == 403
    assert "本人为第一提案人" in r.json()["detail"]
    r = await submit(client, township("chengguan"), members.min_seq, lead_author_id="m1")
    assert r.status_code == 403


async def test_unknown_authors_are_rejected_in_chinese(
    client: httpx.AsyncClient, members: Members
) -> None:
    r = await submit(client, member("ghost"))
    assert r.status_code == 422
    assert "提案人不是已登记的委员（ghost）" in r.json()["detail"]

    await members.register("m1", "张三", "chengguan")
    r = await submit(
        client, member("m1"), members.min_seq, author_kind="joint", co_author_ids=["nobody"]
    )
    assert r.status_code == 422
    assert r.json()["detail"] == "联名提案人不是已登记的委员：nobody，请核对后再提交"

    r = await submit(client, office(), members.min_seq)  # office must name the lead author
    assert r.status_code == 422 and "第一提案人" in r.json()["detail"]


async def test_bad_input_is_422_with_the_choices(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, member("m1"), members.min_seq, category="sports")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    detail = r.json()["detail"]
    assert "提案类别“sports”无效" in detail
    assert "经济建设（economy）" in detail and "生态文明建设（ecology）" in detail

    r = await submit(client, member("m1"), members.min_seq, period="weekly")
    assert r.status_code == 422 and "大会提案（plenary）" in r.json()["detail"]
    r = await submit(client, member("m1"), members.min_seq, title="长" * 101)
    assert r.status_code == 422 and "太长" in r.json()["detail"]
    r = await submit(client, member("m1"), members.min_seq, colour="red")
    assert r.status_code == 422 and "不认识的字段“colour”" in r.json()["detail"]
    r = await submit(client, member("m1"), members.min_seq, term_no=0)
    assert r.status_code == 422 and "term_no" in r.json()["detail"]


async def test_submitting_needs_a_token(client: httpx.AsyncClient) -> None:
    r = await client.post("/proposals", json=proposal())
    assert r.status_code == 401
    r = await client.post("/proposals", json=proposal(), headers=auth("x", "ops"))
    assert r.status_code == 403 and "只有委员本人" in r.json()["detail"]


async def test_events_carry_the_proposers_township_header(
    client: httpx.AsyncClient, members: Members, nc: NATS
) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, member("m1"), members.min_seq)
    seq = r.json()["seq"]
    reply = await nc.request(
        "$JS.API.DIRECT.GET.PROPOSALS", json.dumps({"seq": seq}).encode(), timeout=5
    )
    headers = reply.headers or {}
    assert headers["ce-township"] == "chengguan"
    assert headers["ce-type"] == "cn.cppcc.proposals.proposal.submitted.v1"
    assert headers["Nats-Subject"] == f"cppcc.proposals.proposal.{r.json()['id']}.submitted"
    assert json.loads(reply.data)["author_names"] == {"m1": "张三"}
