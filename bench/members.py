"""The members service as a benchmark subject: its real events, projections and HTTP app.

The service is being written concurrently; everything here is looked up at run time, and a
row that cannot use it says why and falls back to the sample `Balances` projection.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from shared.events import EventMeta, aggregate_subject
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.projection import Projection

TOWNSHIPS = [f"town{i:02d}" for i in range(20)]
SECTORS = ["农业界", "教育界", "医卫界", "经济界", "文艺界"]


def available() -> tuple[bool, str]:
    """Can the members service be used? (app factory, projections and domain importable)."""
    try:
        app = importlib.import_module("services.members.app")
        importlib.import_module("services.members.projections")
        importlib.import_module("services.members.domain")
    except Exception as exc:
        return False, f"members service not importable ({type(exc).__name__}: {exc})"
    if not hasattr(app, "create"):
        return False, "services/members/app.py has no create(settings)"
    return True, ""


def projections(dialect: str) -> Sequence[Projection]:
    module = importlib.import_module("services.members.projections")
    return list(module.projections(dialect))


def registry() -> Any:
    return importlib.import_module("services.members.domain").registry


# --- filling the MEMBERS stream fast (atomic batches through EventStore.append) -----------


def _meta(now: datetime) -> EventMeta:
    return EventMeta(uuid7(), now, "county_admin:bench")


def _visit(d: Any, member_id: str, home: str, n: int, today: date) -> Any:
    elsewhere = n % 5 == 0  # one visit in five is in another township: two dashboard rows
    return d.VisitLogged(
        member_id=member_id,
        visit_id=uuid7(),
        visit_kind="member_visits_constituents",
        visitor_ids=(member_id,),
        constituents=(d.Constituent(category="种植户", count=8 + n % 20),),
        township_id=TOWNSHIPS[(TOWNSHIPS.index(home) + 1) % len(TOWNSHIPS)] if elsewhere else home,
        member_township_id=home,
        place="村委会",
        visit_date=today - timedelta(days=n % 200),
        mode="door_to_door" if n % 2 else "symposium",
        role_tags=("investigator", "policy_explainer"),
        topics=("产业发展", "乡村治理"),
        issues_raised=(d.IssueRaised(text="村道需要硬化，雨天出行困难", resolved_on_site=False),),
    )


async def fill(store: EventStore, total: int, per_batch: int = 50) -> dict[str, int]:
    """~`total` events: 20 liaison groups, one member per ~100 events, the rest visits (两访),
    plus a liaison-group change for one member in ten. Returns counts by kind."""
    d = importlib.import_module("services.members.domain")
    now = datetime.now(UTC)
    today = now.date()
    counts = {"groups": 0, "members": 0, "visits": 0, "changes": 0}
    for township in TOWNSHIPS:
        event = d.LiaisonGroupEstablished(
            township_id=township, group_name=f"{township}政协联络组", township_name=f"{township}镇"
        )
        key = aggregate_subject("members", "liaison_group", township)
        await store.append([PendingEvent(township, event, _meta(now))], {key: 0})
        counts["groups"] += 1
    written = len(TOWNSHIPS)
    index = 0
    while written < total:
        member_id = uuid7()
        home = TOWNSHIPS[index % len(TOWNSHIPS)]
        key = aggregate_subject("members", "member", member_id)
        per_member = min(100, total - written)
        events: list[Any] = [
            d.MemberRegistered(
                member_id=member_id,
                member_name=f"委员{index}",
                sector=SECTORS[index % len(SECTORS)],
                political_affiliation="cpc" if index % 3 else "non_party",
                township_id=home,
                term_no=10,
                work_unit="某乡镇人民政府",
            )
        ]
        counts["members"] += 1
        for n in range(per_member - 1):
            if index % 10 == 0 and n == per_member // 2:
                new_home = TOWNSHIPS[(index + 3) % len(TOWNSHIPS)]
                events.append(
                    d.MemberLiaisonGroupChanged(
                        member_id=member_id,
                        from_township_id=home,
                        to_township_id=new_home,
                        township_id=new_home,
                        reason="工作调动",
                    )
                )
                home = new_home
                counts["changes"] += 1
            else:
                events.append(_visit(d, member_id, home, n, today))
                counts["visits"] += 1
        last = 0
        for start in range(0, len(events), per_batch):
            chunk = [
                PendingEvent(member_id, e, _meta(now)) for e in events[start : start + per_batch]
            ]
            result = await store.append(chunk, {key: last})
            last = result.last_seq
        written += len(events)
        index += 1
    return counts


async def seed_members(
    store: EventStore, townships: Sequence[str], count: int
) -> list[tuple[str, str]]:
    """Liaison groups and members appended as events (when the API cannot register them)."""
    d = importlib.import_module("services.members.domain")
    now = datetime.now(UTC)
    for township in townships:
        event = d.LiaisonGroupEstablished(
            township_id=township, group_name=f"{township}政协联络组", township_name=f"{township}镇"
        )
        key = aggregate_subject("members", "liaison_group", township)
        await store.append([PendingEvent(township, event, _meta(now))], {key: 0})
    people: list[tuple[str, str]] = []
    for index in range(count):
        member_id = uuid7()
        township = townships[index % len(townships)]
        event = d.MemberRegistered(
            member_id=member_id,
            member_name=f"委员{index}",
            sector=SECTORS[index % len(SECTORS)],
            political_affiliation="cpc",
            township_id=township,
            term_no=10,
        )
        key = aggregate_subject("members", "member", member_id)
        await store.append([PendingEvent(member_id, event, _meta(now))], {key: 0})
        people.append((member_id, township))
    return people


# --- the HTTP app, in process --------------------------------------------------------------


def _schema_example(prop: dict[str, Any], spec: dict[str, Any], name: str) -> Any:
    if "$ref" in prop:
        prop = spec["components"]["schemas"][prop["$ref"].rsplit("/", 1)[-1]]
    if "enum" in prop:
        return prop["enum"][0]
    for option in prop.get("anyOf", []) + prop.get("oneOf", []):
        if option.get("type") != "null":
            return _schema_example(option, spec, name)
    kind = prop.get("type")
    if kind == "integer":
        return int(prop.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    return f"bench-{name}"[: prop.get("maxLength", 64)]


def body_for(app: Any, path: str, preferred: dict[str, Any]) -> dict[str, Any] | None:
    """A request body for `POST path` from the app's OpenAPI schema: the preferred values
    where the schema has such a field, a plausible value for other required fields."""
    spec = app.openapi()
    operation = spec.get("paths", {}).get(path, {}).get("post")
    if operation is None:
        return None
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    body: dict[str, Any] = {}
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name in preferred:
            body[name] = preferred[name]
        elif name in required:
            body[name] = _schema_example(prop, spec, name)
    return body


async def setup_via_http(
    app: Any, post: Any, townships: Sequence[str], count: int
) -> list[tuple[str, str]]:
    """Liaison groups, sectors (where the service has them) and `count` members, through the
    service's own API. Returns (member_id, township_id) pairs."""
    for township in townships:
        await post(
            "/liaison-groups",
            {
                "township_id": township,
                "name": f"{township}政协联络组",
                "township_name": f"{township}镇",
            },
        )
    sector_ids: dict[str, str] = {}
    for number, sector in enumerate(SECTORS):
        body = body_for(
            app,
            "/sectors",
            {"name": sector, "sort": number, "sector_id": uuid7(), "kind": "professional"},
        )
        if body is None:
            break
        answer = await post("/sectors", body)
        sector_ids[sector] = str(answer.get("id", ""))
    people: list[tuple[str, str]] = []
    for i in range(count):
        township = townships[i % len(townships)]
        sector = SECTORS[i % len(SECTORS)]
        preferred = {
            "name": f"委员{i}",
            "sector": sector,
            "sector_id": sector_ids.get(sector),
            "political_affiliation": "cpc",
            "township_id": township,
            "term_no": 10,
        }
        body = body_for(app, "/members", {k: v for k, v in preferred.items() if v is not None})
        answer = await post("/members", body or preferred)
        people.append((str(answer["id"]), township))
    return people


def log_visit_body(n: int, today: date) -> dict[str, Any]:
    return {
        "visit_kind": "member_visits_constituents",
        "visit_date": (today - timedelta(days=n % 30)).isoformat(),
        "mode": "door_to_door",
        "role_tags": ["investigator", "constituent_servant"],
        "constituents": [{"category": "种植户", "count": 5 + n % 10}],
        "place": "村委会",
        "topics": ["产业发展"],
        "issues_raised": [{"text": "灌溉水渠年久失修", "resolved_on_site": False}],
    }
