"""提交提案 in one step (P4 without a draft), and the content rules drafts share."""

from __future__ import annotations

from typing import cast

from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

from .commands import SubmitProposal
from .common import (
    BODY_MAX_CHARS,
    TITLE_MAX_CHARS,
    choice,
    duplicates,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events import (
    COLLECTIVE_KINDS,
    AuthorBody,
    AuthorKind,
    Category,
    Period,
    ProposalBody,
    ProposalSubmitted,
)
from .labels import AUTHOR_KIND_LABELS, CATEGORY_LABELS, PERIOD_LABELS, status_label
from .model import ProposalState
from .units import SLUG


def decide_submit_proposal(
    cmd: SubmitProposal, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """提交提案 (∅ → submitted)."""
    if state.exists:
        raise Rejected(
            f"该提案已提交（当前状态为“{status_label(state.status)}”），不能重复提交",
            code="already_submitted",
        )
    if not cmd.proposal_id.strip():
        raise Invalid("缺少提案编号，请重新提交", code="proposal_id_required")

    author_kind = cast(AuthorKind, choice(cmd.author_kind, AUTHOR_KIND_LABELS, "提案形式"))
    author_body = check_author_body(author_kind, cmd.author_body)
    lead, co_authors = authors(author_kind, cmd.lead_author_id, cmd.co_author_ids)
    title = check_title(cmd.title)
    body = check_body(cmd.body)
    category = cast(Category, choice(cmd.category, CATEGORY_LABELS, "提案类别"))
    period = check_period(author_kind, cmd.period, config)
    check_term(cmd.term_no, cmd.session_no)
    units = check_units(cmd.suggested_units)
    township_id, author_townships = _author_townships(cmd, lead, co_authors)

    return [
        ProposalSubmitted(
            proposal_id=cmd.proposal_id,
            township_id=body_township(author_kind, author_body) or township_id,
            author_kind=author_kind,
            lead_author_id=lead,
            co_author_ids=co_authors,
            title=title,
            body=body,
            category=category,
            term_no=cmd.term_no,
            session_no=cmd.session_no,
            period=period,
            suggested_units=units,
            author_township_ids=author_townships,
            submitted_at=utc(cmd.at),
            author_names={
                a: cmd.author_names[a] for a in author_townships if a in cmd.author_names
            },
            author_body=author_body,
        )
    ]


# --- content rules shared with drafts ----------------------------------------------------


def authors(
    author_kind: AuthorKind, lead_author_id: str, co_author_ids: list[str]
) -> tuple[str, tuple[str, ...]]:
    lead = lead_author_id.strip()
    if not lead:
        raise Invalid("请填写第一提案人", code="lead_author_required")
    co_authors = tuple(c.strip() for c in co_author_ids)
    if any(not c for c in co_authors):
        raise Invalid("联名提案人不能为空白，请删除空白项", code="blank_co_author")
    if author_kind != "joint" and co_authors:
        label = AUTHOR_KIND_LABELS[author_kind]
        raise Invalid(
            f"{label}不能有联名提案人；如需联名，请将提案形式改为“联名提案”",
            code="co_authors_not_allowed",
        )
    if author_kind == "joint" and not co_authors:
        raise Invalid(
            "联名提案至少需要一名联名提案人，请添加联名提案人或将提案形式改为“个人提案”",
            code="co_authors_required",
        )
    if lead in co_authors:
        raise Invalid(
            "第一提案人不能同时列为联名提案人，请从联名提案人中删除",
            code="lead_in_co_authors",
        )
    dups = duplicates(co_authors)
    if dups:
        raise Invalid(
            f"联名提案人重复：{'、'.join(dups)}，请删除重复项", code="duplicate_co_authors"
        )
    return lead, co_authors


def check_author_body(kind: AuthorKind, raw: AuthorBody | None) -> AuthorBody | None:
    """Collective kinds name their authoring body; individual and joint ones do not."""
    label = AUTHOR_KIND_LABELS[kind]
    if kind not in COLLECTIVE_KINDS:
        if raw is not None:
            raise Invalid(
                f"{label}不填写提案单位，请删除提案单位，或改选集体提案形式",
                code="author_body_not_allowed",
            )
        return None
    body_id, name = (raw.id.strip(), raw.name.strip()) if raw else ("", "")
    if not body_id or not name:
        raise Invalid(
            f"提案形式“{kind}”无效：{label}须填写提案单位（编号和名称），"
            "请补充提案单位，或改为个人提案、联名提案",
            code="author_body_required",
        )
    if len(body_id) > 64 or len(name) > 100:
        raise Invalid("提案单位编号不能超过64个字符，名称不能超过100个字", code="author_body_long")
    if kind == "liaison_group" and not SLUG.match(body_id):
        raise Invalid(
            f"联络组提案的提案单位编号应为乡镇（联络组）编号，如 chengguan，当前为“{body_id}”",
            code="invalid_liaison_group",
        )
    return AuthorBody(id=body_id, name=name)


def body_township(kind: str, body: AuthorBody | None) -> str | None:
    """A liaison group's proposal belongs to that group's township."""
    return body.id if kind == "liaison_group" and body is not None else None


def check_period(kind: str, raw: str, config: LifecycleConfig) -> Period:
    period = cast(Period, choice(raw, PERIOD_LABELS, "提案时段"))
    if kind in config.plenary_only_author_kinds and period != "plenary":
        label = AUTHOR_KIND_LABELS.get(kind, kind)
        raise Invalid(
            f"{label}只能在大会期间提出，请将提案时段改为“大会提案”",
            code="plenary_only",
        )
    return period


def check_term(term_no: int, session_no: int) -> None:
    if term_no < 1:
        raise Invalid(f"届次必须是正整数，当前为{term_no}", code="invalid_term_no")
    if session_no < 1:
        raise Invalid(f"会次必须是正整数，当前为{session_no}", code="invalid_session_no")


def check_title(raw: str) -> str:
    title = raw.strip()
    if not title:
        raise Invalid("案由（标题）不能为空，请按“关于……的建议”填写", code="title_required")
    if len(title) > TITLE_MAX_CHARS:
        raise Invalid(
            f"案由（标题）不能超过{TITLE_MAX_CHARS}个字，当前为{len(title)}个字，请精简",
            code="title_too_long",
        )
    return title


def check_body(raw: ProposalBody, complete: bool = True) -> ProposalBody:
    """Trimmed body; `complete=False` (a draft) lets the suggestions wait."""
    body = ProposalBody(
        situation=raw.situation.strip(),
        analysis=raw.analysis.strip(),
        suggestions=raw.suggestions.strip(),
    )
    if complete and not body.suggestions:
        raise Invalid("提案内容缺少“具体建议”部分，请写明建议后再提交", code="suggestions_required")
    if body.length() > BODY_MAX_CHARS:
        raise Invalid(
            f"提案正文（情况、分析、建议）合计不能超过{BODY_MAX_CHARS}个字，"
            f"当前为{body.length()}个字，请精简",
            code="body_too_long",
        )
    return body


def check_units(raw: list[str]) -> tuple[str, ...]:
    units = tuple(u.strip() for u in raw)
    if any(not u for u in units):
        raise Invalid("建议承办单位不能为空白，请删除空白项", code="blank_suggested_unit")
    dups = duplicates(units)
    if dups:
        raise Invalid(
            f"建议承办单位重复：{'、'.join(dups)}，请删除重复项",
            code="duplicate_suggested_units",
        )
    return units


def _author_townships(
    cmd: SubmitProposal, lead: str, co_authors: tuple[str, ...]
) -> tuple[str, dict[str, str]]:
    """The lead author's liaison group and each author's, all from the member projection."""
    township_id = cmd.township_id
    if township_id is None:
        raise Invalid(
            f"提案人不是已登记的委员（{lead}），请核对第一提案人，或先在委员名册中登记后再提交",
            code="unknown_lead_author",
        )
    known = cmd.author_township_ids
    if known.get(lead, township_id) != township_id:
        raise Invalid(
            "第一提案人所属联络组与委员名册不一致，请刷新页面后重新提交",
            code="inconsistent_township",
        )
    unknown = [c for c in co_authors if c not in known]
    if unknown:
        raise Invalid(
            f"联名提案人不是已登记的委员：{'、'.join(unknown)}，请核对后再提交",
            code="unknown_co_author",
        )
    return township_id, {lead: township_id, **{c: known[c] for c in co_authors}}
