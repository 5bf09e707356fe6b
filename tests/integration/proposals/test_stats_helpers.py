"""A session built over HTTP for the statistics and export tests (no tests here).

Session 10-3, five members on the roll (m5 writes nothing):
- P1 张三 (chengguan) + 李四 (xinzhuang), joint, 生态: 10-3-D001, 独办 县住建局, 当面面商,
  A 类, 满意 → 已办结
- P2 王五 (chengguan), 经济: 10-3-D002, 独办 县生态环境分局, 电话沟通, B 类, 基本满意 → 已办结
- P3 张三, 社会: 不予立案, 转为社情民意信息
- P4 赵六 (dongcun) for 民进县委会 (党派提案), 文化: 10-3-D003, 重点提案, 独办 县交通运输局, 已签收
- P5 李四, 经济, 平时提案: 10-3-P001
- P6 赵六, 政治: 提交后撤案
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from services.proposals.domain.opinion.state import CHINA_TZ

from .helpers import Members, member, office, submitted
from .lifecycle_support import REPLY, admin, assigning, post, register_units, supervising, unit


@dataclass(frozen=True)
class World:
    ids: dict[str, str]  # P1 … P6 → proposal id
    seq: int  # last PROPOSALS sequence written

    def min_seq(self) -> dict[str, str]:
        return {"min_seq": f"PROPOSALS:{self.seq}"}


async def _register(client: httpx.AsyncClient, pid: str) -> int:
    return int((await post(client, f"/proposals/{pid}/register", office()))["seq"])


async def _handle(
    client: httpx.AsyncClient,
    pid: str,
    unit_id: str,
    mode: str,
    result_class: str,
    verdict: str,
    lead: str,
) -> int:
    """独办 by `unit_id`: sign in, one contact, reply, review, the lead author's verdict."""
    await post(
        client,
        f"/proposals/{pid}/assign",
        assigning(),
        {"units": [{"unit_id": unit_id, "role": "sole"}]},
    )
    task = f"/proposals/{pid}/tasks/t1"
    await post(client, f"{task}/accept", unit(unit_id))
    today = datetime.now(CHINA_TZ).date().isoformat()
    contact = {"kind": "pre", "mode": mode, "contacted_on": today}
    await post(client, f"{task}/contacts", unit(unit_id), contact)
    reply = {**REPLY, "result_class": result_class}
    await post(client, f"{task}/reply", unit(unit_id), reply)
    await post(client, f"{task}/reply/submit", unit(unit_id))
    await post(client, f"{task}/reply/approve", supervising())
    evaluation = {"process_satisfaction": verdict, "result_satisfaction": verdict}
    done = await post(client, f"/proposals/{pid}/replies/t1-1/evaluation", member(lead), evaluation)
    return int(done["seq"])


async def build_world(client: httpx.AsyncClient, members: Members) -> World:
    for mid, name, township in (
        ("m1", "张三", "chengguan"),
        ("m2", "李四", "xinzhuang"),
        ("m3", "王五", "chengguan"),
        ("m4", "赵六", "dongcun"),
        ("m5", "钱七", "dongcun"),
    ):
        await members.register(mid, name, township)
    await register_units(client)
    ids: dict[str, str] = {}
    joint: dict[str, Any] = {"author_kind": "joint", "co_author_ids": ["m2"]}
    ids["P1"] = await submitted(
        client, members, "m1", title="关于加快农村生活污水治理的建议", **joint
    )
    ids["P2"] = await submitted(
        client, members, "m3", title="关于扶持县域特色农产品电商的建议", category="economy"
    )
    ids["P3"] = await submitted(
        client, members, "m1", title="关于加强社区养老服务的建议", category="society"
    )
    party = {"author_kind": "party_org", "author_body": {"id": "minjin", "name": "民进县委会"}}
    ids["P4"] = await submitted(
        client, members, "m4", title="关于保护传统村落的建议", category="culture", **party
    )
    ids["P5"] = await submitted(
        client, members, "m2", title="关于优化营商环境的建议", category="economy", period="interim"
    )
    ids["P6"] = await submitted(
        client, members, "m4", title="关于完善村务公开的建议", category="politics"
    )

    for key in ("P1", "P2", "P4", "P5"):
        await _register(client, ids[key])
    decline = {"reason": "vague_no_suggestion", "disposition": "to_public_opinion"}
    await post(client, f"/proposals/{ids['P3']}/decline", office(), decline)
    await post(client, f"/proposals/{ids['P6']}/withdraw", member("m4"))
    leaders = {"supervising_leader_ids": ["vice-chair-1"], "note": "主席会议确定"}
    await post(client, f"/proposals/{ids['P4']}/key", admin(), leaders)

    await _handle(client, ids["P1"], "zhujianju", "face_to_face", "A", "satisfied", "m1")
    await _handle(client, ids["P2"], "huanbao", "phone", "B", "basically_satisfied", "m3")
    await post(
        client,
        f"/proposals/{ids['P4']}/assign",
        assigning(),
        {"units": [{"unit_id": "jiaotong", "role": "sole"}]},
    )
    done = await post(client, f"/proposals/{ids['P4']}/tasks/t1/accept", unit("jiaotong"))
    return World(ids=ids, seq=int(done["seq"]))


def by_code(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["code"]: i for i in items}


def values(items: list[dict[str, Any]]) -> dict[str, Any]:
    """`code → value` of a list of counts or rates."""
    return {i["code"]: i["value"] for i in items}
