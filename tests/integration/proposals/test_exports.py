"""Exports over HTTP: the 提案汇编 and the statistics as XLSX (read back with openpyxl) and
CSV (read back with the csv module) — Chinese headings, registered proposals in serial
order, and the same figures as the JSON statistics."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote

import httpx
from openpyxl import load_workbook

from .helpers import Members, office
from .lifecycle_support import admin, assigning
from .test_stats_helpers import World, build_world

HEADINGS = ["提案号", "案由", "提案人", "类别", "状态", "承办单位", "答复类别", "满意度"]
SERIALS = ["10-3-D001", "10-3-D002", "10-3-D003", "10-3-P001"]


async def _get(client: httpx.AsyncClient, path: str, world: World, **params: Any) -> httpx.Response:
    query = {"term_no": 10, "session_no": 3, **world.min_seq(), **params}
    r = await client.get(path, headers=office(), params=query)
    assert r.status_code == 200, r.text
    return r


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


async def test_compilation_as_xlsx_and_csv(client: httpx.AsyncClient, members: Members) -> None:
    world = await build_world(client, members)
    r = await _get(client, "/exports/compilation.xlsx", world)
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="proposals-compilation-10-3.xlsx"')
    assert f"filename*=UTF-8''{quote('十届三次会议提案汇编.xlsx')}" in disposition

    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["提案汇编"]
    ws = wb["提案汇编"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == HEADINGS
    assert all(cell.font.bold for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["D"].width >= 10
    assert [row[0] for row in rows[1:]] == SERIALS
    assert rows[1] == [
        "10-3-D001",
        "关于加快农村生活污水治理的建议",
        "张三、李四",
        "生态文明建设",
        "已办结",
        "县住房和城乡建设局（独办）",
        "A类",
        "满意",
    ]
    assert rows[2][6:] == ["B类", "基本满意"]
    assert rows[3][2:6] == ["民进县委会（赵六）", "文化建设", "办理中", "县交通运输局（独办）"]
    assert rows[3][6:] == ["—", "—"]
    assert rows[4][4:] == ["已立案", "—", "—", "—"]

    r = await _get(client, "/exports/compilation.csv", world)
    assert r.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    table = _csv_rows(r.content)
    assert table[0] == HEADINGS
    assert table[1:] == [[str(v) for v in row] for row in rows[1:]]

    r = await client.get("/exports/compilation.xlsx", headers=assigning(), params=world.min_seq())
    assert r.status_code == 422  # term_no and session_no are required
    r = await client.get(
        "/exports/compilation.csv",
        headers=assigning(),
        params={"term_no": 10, "session_no": 3},
    )
    assert r.status_code == 403 and "导出" in r.json()["detail"]


async def test_statistics_exports_match_the_json(
    client: httpx.AsyncClient, members: Members
) -> None:
    world = await build_world(client, members)
    stats = (await _get(client, "/statistics", world)).json()

    r = await _get(client, "/exports/statistics.xlsx", world)
    assert (
        f"filename*=UTF-8''{quote('十届三次会议提案统计.xlsx')}" in r.headers["content-disposition"]
    )
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["总体情况", "按类别", "按乡镇"]
    overall = {row[0].value: row for row in wb["总体情况"].iter_rows(min_row=2)}
    assert [c.value for c in wb["总体情况"][1]] == ["项目", "数值", "分子", "分母"]
    for count in stats["counts"]:
        assert overall[count["label"]][1].value == count["value"], count
    for rate in stats["rates"]:
        row = overall[rate["label"]]
        assert (row[2].value, row[3].value) == (rate["numerator"], rate["denominator"])
        assert row[1].value == rate["value"] and row[1].number_format == "0.0%"
    share_a = next(s for s in stats["result_classes"] if s["code"] == "A")
    assert overall[f"{share_a['label']}（占答复）"][1].value == share_a["value"]

    by_category = [[c.value for c in row] for row in wb["按类别"].iter_rows()]
    assert by_category[0] == ["类别", "收到提案", "立案", "占立案总数"]
    expected = [
        [c["label"], c["received"], c["registered"], c["share"]] for c in stats["categories"]
    ]
    assert by_category[1:] == [
        [*row[:3], row[3] if row[3] is not None else "—"] for row in expected
    ]

    by_township = [[c.value for c in row] for row in wb["按乡镇"].iter_rows()]
    assert by_township[0][:4] == ["乡镇", "收到提案", "立案", "立案率"]
    assert [row[0] for row in by_township[1:]] == [t["township_id"] for t in stats["townships"]]
    chengguan = next(t for t in stats["townships"] if t["township_id"] == "chengguan")
    received = next(c["value"] for c in chengguan["counts"] if c["code"] == "received")
    assert by_township[1][1] == received and wb["按乡镇"]["D2"].number_format == "0.0%"

    r = await _get(client, "/exports/statistics.csv", world)
    table = _csv_rows(r.content)
    assert table[0] == ["分组", "名称", "指标", "数值"]
    found = {(row[0], row[1], row[2]): row[3] for row in table[1:]}
    scope = stats["scope"]["label"]
    for count in stats["counts"]:
        assert found[("总体情况", scope, count["label"])] == str(count["value"])
    for rate in stats["rates"]:
        assert found[("总体情况", scope, rate["label"])] == rate["percent"]
    for c in stats["categories"]:
        assert found[("按类别", c["label"], "立案")] == str(c["registered"])
    assert found[("按乡镇", "chengguan", "立案率")] == next(
        r["percent"] for r in chengguan["rates"] if r["code"] == "registration_rate"
    )

    r = await client.get(
        "/exports/statistics.xlsx", headers=admin(), params={"term_no": 10, "session_no": 3}
    )
    assert r.status_code == 200
