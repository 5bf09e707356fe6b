"""Deciders that create a report (O1 报送, O1b 提案转来) and take the next serial number
`SQMY-{year}-{seq}` from the year's register: both aggregates' events are returned as
`(aggregate_id, event)` pairs, which the application appends atomically.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent

from . import rules
from .commands import CreateReportFromProposal, SubmitReport
from .events import (
    InfoNature,
    OpinionReportCreatedFromProposal,
    OpinionReportSubmitted,
    OpinionSerialAllocated,
    ReportCategory,
    ReporterKind,
    SourceChannel,
    Urgency,
)
from .labels import (
    CATEGORY_LABELS,
    INFO_NATURE_LABELS,
    REPORTER_KIND_LABELS,
    SOURCE_CHANNEL_LABELS,
    URGENCY_LABELS,
)
from .point_state import PointState
from .state import (
    OpinionRegisterState,
    ReportState,
    format_report_serial,
    register_id,
    report_year,
)

Pairs = list[tuple[str, DomainEvent]]


# --- O1 submit ----------------------------------------------------------------------------


def decide_submit_report(
    cmd: SubmitReport,
    report: ReportState,
    register: OpinionRegisterState,
    point: PointState | None = None,
) -> Pairs:
    """报送 (∅ → submitted) with the next `SQMY-{year}-{seq}` number.

    `point` is the direct report point named by the command (reporter kind
    `direct_report_point`), read as a guard: it must exist and be active.
    """
    if report.exists:
        raise Rejected(
            f"该社情民意信息已报送（编号 {report.serial_no}），不能重复报送",
            code="already_submitted",
        )
    kind = cast(ReporterKind, rules.choice(cmd.reporter_kind, REPORTER_KIND_LABELS, "报送主体"))
    authors = _known_authors(cmd.author_ids, cmd.author_township_ids)
    township_id, reporter_name = _reporter(kind, cmd, authors, point)
    phone = rules.phone(cmd.contact_phone) if cmd.contact_phone else None
    year, allocated = _allocate(cmd.report_id, cmd.at, register)
    submitted = OpinionReportSubmitted(
        report_id=cmd.report_id,
        township_id=township_id,
        serial_no=allocated.serial_no,
        year=year,
        reporter_kind=kind,
        author_ids=authors,
        author_names={a: cmd.author_names[a] for a in authors if a in cmd.author_names},
        author_township_ids={a: cmd.author_township_ids[a] for a in authors},
        reporter_name=reporter_name,
        contact_phone=phone,
        direct_report_point_id=point.point_id if kind == "direct_report_point" and point else None,
        liaison_group_id=township_id if kind == "liaison_group" else None,
        title=rules.title(cmd.title),
        body=rules.body(cmd.body),
        info_nature=cast(InfoNature, rules.choice(cmd.info_nature, INFO_NATURE_LABELS, "信息性质")),
        category=cast(ReportCategory, rules.choice(cmd.category, CATEGORY_LABELS, "信息类别")),
        urgency=cast(Urgency, rules.choice(cmd.urgency, URGENCY_LABELS, "紧急程度")),
        source_channel=cast(
            SourceChannel, rules.choice(cmd.source_channel, SOURCE_CHANNEL_LABELS, "信息来源")
        ),
        township_ids=_townships(cmd.township_ids),
        series_id=rules.optional_text(cmd.series_id, "连续报送系列", 64),
        submitted_at=rules.utc(cmd.at),
    )
    return [(register_id(year), allocated), (cmd.report_id, submitted)]


def _known_authors(raw: list[str], known: dict[str, str]) -> tuple[str, ...]:
    authors = rules.distinct(raw, "作者（委员编号）")
    unknown = [a for a in authors if a not in known]
    if unknown:
        raise Invalid(
            f"作者不是已登记的委员：{'、'.join(unknown)}，请核对委员编号后再报送",
            code="unknown_author",
        )
    return authors


def _reporter(
    kind: ReporterKind, cmd: SubmitReport, authors: tuple[str, ...], point: PointState | None
) -> tuple[str | None, str | None]:
    """The report's township and the reporting unit's name, by reporter kind."""
    name = rules.optional_text(cmd.reporter_name, "报送单位或报送人", rules.NAME_MAX_CHARS)
    if kind != "direct_report_point" and cmd.direct_report_point_id:
        raise Invalid("只有报送主体为“社情民意直报点”时才能填写直报点", code="point_not_expected")
    if kind != "liaison_group" and cmd.liaison_group_id:
        raise Invalid("只有报送主体为“乡镇政协联络组”时才能填写联络组", code="group_not_expected")
    if kind == "member":
        if not authors:
            raise Invalid("以委员名义报送，请至少填写一名作者（委员编号）", code="author_required")
        return cmd.author_township_ids[authors[0]], name
    if kind == "liaison_group":
        if not cmd.liaison_group_id:
            raise Invalid("以联络组名义报送，请填写联络组（乡镇编号）", code="group_required")
        return rules.township_slug(cmd.liaison_group_id, "联络组"), name
    if kind == "direct_report_point":
        checked = _active_point(cmd.direct_report_point_id, point)
        return checked.township_id, name or checked.point_name
    if not name:
        raise Invalid("请填写报送单位或报送人姓名", code="reporter_name_required")
    return (cmd.author_township_ids[authors[0]] if authors else None), name


def _active_point(point_id: str | None, point: PointState | None) -> PointState:
    if not point_id:
        raise Invalid("以直报点名义报送，请选择直报点", code="point_required")
    if point is None or not point.exists or point.point_id != point_id:
        raise NotFound("未找到该社情民意直报点，请核对直报点编号", code="point_not_found")
    if not point.active:
        raise Rejected(
            f"直报点“{point.point_name}”已暂停，不能报送；如需恢复请联系县政协信息中心",
            code="point_suspended",
        )
    return point


def _townships(raw: list[str]) -> tuple[str, ...]:
    values = rules.distinct(raw, "涉及乡镇")
    return tuple(rules.township_slug(v, "涉及乡镇") for v in values)


def _allocate(
    report_id: str, at: datetime, register: OpinionRegisterState
) -> tuple[int, OpinionSerialAllocated]:
    year = report_year(at)
    if register.year not in (0, year):
        raise ValueError(f"register of {register.year} given for a report of {year}")
    seq = register.next_seq
    allocated = OpinionSerialAllocated(
        year=year, seq=seq, serial_no=format_report_serial(year, seq), report_id=report_id
    )
    return year, allocated


# --- O1b created from a proposal ------------------------------------------------------------


def decide_create_from_proposal(
    cmd: CreateReportFromProposal, report: ReportState, register: OpinionRegisterState
) -> Pairs:
    """提案转社情民意信息 (∅ → submitted). A repeat (the report exists) changes nothing."""
    if report.exists:
        return []
    authors = tuple(dict.fromkeys(a.strip() for a in cmd.author_ids if a.strip()))
    category = cmd.category if cmd.category in CATEGORY_LABELS else "other"
    township_id = cmd.township_id or (cmd.author_township_ids.get(authors[0]) if authors else None)
    year, allocated = _allocate(cmd.report_id, cmd.at, register)
    created = OpinionReportCreatedFromProposal(
        report_id=cmd.report_id,
        township_id=township_id,
        origin_proposal_id=cmd.origin_proposal_id,
        serial_no=allocated.serial_no,
        year=year,
        author_ids=authors,
        author_names={a: n for a, n in cmd.author_names.items() if a in authors},
        author_township_ids={a: t for a, t in cmd.author_township_ids.items() if a in authors},
        title=cmd.title.strip()[: rules.TITLE_MAX_CHARS] or "（提案转来的社情民意信息）",
        body=rules.body(cmd.body, strict=False),
        info_nature="targeted_suggestion",
        category=cast(ReportCategory, category),
        township_ids=(),
        created_at=rules.utc(cmd.at),
    )
    return [(register_id(year), allocated), (cmd.report_id, created)]
