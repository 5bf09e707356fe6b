"""The whole 社情民意 journey over HTTP: a member reports, the info office edits and
accepts, compiles an issue that the county office approves, publishes it (the report is
published with it), reports upward, records a city adoption, a leader's instruction and
feedback, closes — then the member statistics and the DOCX export."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import docx
import httpx
from docx.oxml.ns import qn

from .helpers import Members, member
from .test_opinion_helpers import YEAR, admin, editor, read, step, submit


async def test_report_goes_from_member_to_adoption_and_closing(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    r = await submit(client, member("m1"), members.min_seq)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    detail = await read(client, f"/opinion-reports/{rid}", member("m1"), r.json()["seq"])
    assert detail["serial_no"] == f"SQMY-{YEAR}-001"
    assert detail["status"] == {"code": "submitted", "label": "已报送"}
    assert detail["authors"] == [{"member_id": "m1", "name": "张三", "township_id": "chengguan"}]

    base = f"/opinion-reports/{rid}"
    await step(client, f"{base}/start-editing")
    await step(
        client, f"{base}/edit", edited_title="留守老人助餐服务亟待加强", editor_notes="已精简"
    )
    await step(client, f"{base}/accept", use_mode="single_article")

    issue = await step(client, "/bulletin-issues", status=201, year=YEAR, title="民生专题")
    assert issue["label"] == f"{YEAR}年第1期" and issue["issue_no"] == 1
    iid = issue["id"]
    await step(client, f"/bulletin-issues/{iid}/items", report_id=rid, mode="single")
    await step(client, f"/bulletin-issues/{iid}/submit-for-approval")
    r = await client.post(f"/bulletin-issues/{iid}/approve", headers=editor())
    assert r.status_code == 403 and "审批" in r.json()["detail"]
    await step(client, f"/bulletin-issues/{iid}/approve", headers=admin())
    done = await step(
        client, f"/bulletin-issues/{iid}/publish", recipients=["县委主要领导", "县政府主要领导"]
    )
    assert len(done["event_ids"]) == 2  # the issue and its one report, in one batch

    published = await read(client, base, member("m1"), done["seq"])
    assert published["status"]["code"] == "published"
    assert published["issue_label"] == f"{YEAR}年第1期"
    assert published["title"] == "留守老人助餐服务亟待加强"
    assert published["editor_notes"] is None  # editor notes are for the info office

    await step(client, f"{base}/report-upward", level="city", recipient="市政协信息处")
    adoption: dict[str, Any] = {
        "level": "city",
        "adopting_body": "市政协",
        "vehicle": "《市政协社情民意》",
        "mode": "single_article",
        "adopted_on": f"{YEAR}-01-01",
    }
    await step(client, f"{base}/adoptions", **adoption)
    await step(
        client,
        f"{base}/instructions",
        leader="市委副书记",
        level="city_leader",
        text="请市民政局研究落实。",
        instructed_on=f"{YEAR}-01-01",
    )
    await step(
        client,
        f"{base}/feedbacks",
        department="市民政局",
        text="已将助餐点运营纳入补助范围。",
        received_on=f"{YEAR}-01-01",
    )
    closed = await step(client, f"{base}/close", note="已落实")

    final = await read(client, base, editor(), closed["seq"])
    assert final["status"] == {"code": "closed", "label": "已办结"}
    assert [a["level"]["code"] for a in final["adoptions"]] == ["city"]
    assert final["instructions"][0]["leader"] == "市委副书记"
    assert final["feedbacks"][0]["department"] == "市民政局"
    assert final["upward_levels"] == [{"code": "city", "label": "市政协"}]
    assert final["editor_notes"] == "已精简"
    listed = await read(client, "/opinion-reports", editor(), closed["seq"], adopted_level="city")
    item = listed["items"][0]
    assert listed["total"] == 1 and item["adoption_levels"][0]["code"] == "city"
    assert (item["adoption_count"], item["instruction_count"], item["feedback_count"]) == (1, 1, 1)

    stats = await read(client, "/opinion-reports/stats/members", member("m1"), closed["seq"])
    assert stats == [
        {
            "member_id": "m1",
            "year": YEAR,
            "submitted": 1,
            "accepted": 1,
            "archived": 0,
            "published": 1,
            "adopted": {
                "county": 0,
                "county_party_gov": 0,
                "city": 1,
                "province": 0,
                "national": 0,
            },
            "instructions": 1,
        }
    ]

    r = await client.get(f"/bulletin-issues/{iid}/docx", headers=editor())
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(BytesIO(r.content))
    texts = [p.text for p in document.paragraphs]
    assert "《社情民意》" in texts and f"{YEAR}年第1期" in texts
    assert "1. 留守老人助餐服务亟待加强" in texts
    heading = next(p for p in document.paragraphs if p.text == "1. 留守老人助餐服务亟待加强")
    run_fonts: Any = heading.runs[0]._element.rPr
    assert run_fonts.rFonts.get(qn("w:eastAsia")) == "宋体"
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    assert any(t.startswith("部分行政村留守老人") for t in texts)
    assert "报送：县委主要领导、县政府主要领导" in texts


async def test_issue_numbers_are_gapless_per_series_and_year(client: httpx.AsyncClient) -> None:
    labels, seq = [], 0
    for series in ("sqmy", "sqmy", "sqmy_special", "sqmy"):
        created = await step(client, "/bulletin-issues", status=201, year=YEAR, series=series)
        labels.append((series, created["label"]))
        seq = created["seq"]
    assert labels == [
        ("sqmy", f"{YEAR}年第1期"),
        ("sqmy", f"{YEAR}年第2期"),
        ("sqmy_special", f"{YEAR}年第1期"),
        ("sqmy", f"{YEAR}年第3期"),
    ]
    listed = await read(client, "/bulletin-issues", editor(), seq, year=YEAR)
    assert listed["total"] == 4
    assert {i["heading"] for i in listed["items"]} >= {f"《社情民意专报》{YEAR}年第1期"}
