"""Response bodies of the statistics (DOMAIN §2.13), each figure with its Chinese name."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from services.proposals.application.stats import Rate, Share, Statistics, Tally
from services.proposals.application.stats_facts import Scope
from services.proposals.application.stats_labels import (
    COUNT_LABELS,
    RATES,
    percent,
    session_label,
)
from services.proposals.domain.labels import CATEGORY_LABELS, PERIOD_LABELS

from .schemas_views import Labelled


class ScopeOut(BaseModel):
    term_no: int
    session_no: int
    period: Labelled | None = Field(description="大会提案 / 平时提案；空 = 全部")
    township_id: str | None = Field(description="乡镇统计时的乡镇编号")
    label: str = Field(description="如“十届三次会议（大会提案）”")


class CountOut(BaseModel):
    code: str
    label: str
    value: int


class RateOut(BaseModel):
    code: str
    label: str
    numerator: int = Field(description="分子（件数）")
    denominator: int = Field(description="分母（件数）")
    value: float | None = Field(description="比率（0–1，保留四位小数）；分母为零时为空")
    percent: str = Field(description="百分比文字，如 66.7%；分母为零时为“—”")


class ShareOut(BaseModel):
    code: str
    label: str
    count: int
    total: int
    value: float | None
    percent: str


class CategoryOut(BaseModel):
    code: str
    label: str
    received: int = Field(description="收到提案")
    registered: int = Field(description="立案")
    share: float | None = Field(description="占立案总数的比例")
    percent: str


class TownshipStatsOut(BaseModel):
    township_id: str
    counts: list[CountOut]
    rates: list[RateOut]


class StatisticsOut(BaseModel):
    scope: ScopeOut
    counts: list[CountOut]
    rates: list[RateOut]
    result_classes: list[ShareOut] = Field(description="答复的办理结果类别（A/B/C…）构成")
    categories: list[CategoryOut] = Field(description="按提案类别")
    townships: list[TownshipStatsOut] = Field(
        default_factory=list, description="按乡镇（提案人所属联络组）；乡镇统计时为空"
    )


def scope_out(scope: Scope) -> ScopeOut:
    term, session = scope.term_no or 0, scope.session_no or 0
    period = scope.period
    label = session_label(term, session)
    if period is not None:
        label += f"（{PERIOD_LABELS.get(period, period)}）"
    return ScopeOut(
        term_no=term,
        session_no=session,
        period=Labelled(code=period, label=PERIOD_LABELS.get(period, period)) if period else None,
        township_id=scope.township_id,
        label=label,
    )


def rate_out(rate: Rate) -> RateOut:
    return RateOut(
        code=rate.code,
        label=RATES[rate.code][0],
        numerator=rate.numerator,
        denominator=rate.denominator,
        value=rate.value,
        percent=percent(rate.value),
    )


def counts_out(counts: Mapping[str, int]) -> list[CountOut]:
    return [CountOut(code=c, label=COUNT_LABELS[c], value=v) for c, v in counts.items()]


def share_out(share: Share, label: str) -> ShareOut:
    return ShareOut(
        code=share.code,
        label=label,
        count=share.count,
        total=share.total,
        value=share.value,
        percent=percent(share.value),
    )


def tally_out(t: Tally) -> tuple[list[CountOut], list[RateOut]]:
    return counts_out(t.counts), [rate_out(r) for r in t.rates]


def statistics_out(stats: Statistics, classes: Mapping[str, str]) -> StatisticsOut:
    counts, rates = tally_out(stats.tally)
    return StatisticsOut(
        scope=scope_out(stats.scope),
        counts=counts,
        rates=rates,
        result_classes=[
            share_out(s, f"{s.code}类：{classes.get(s.code, s.code)}") for s in stats.result_classes
        ],
        categories=[
            CategoryOut(
                code=c.code,
                label=CATEGORY_LABELS.get(c.code, c.code),
                received=c.received,
                registered=c.registered,
                share=c.share.value,
                percent=percent(c.share.value),
            )
            for c in stats.categories
        ],
        townships=[
            TownshipStatsOut(township_id=t, counts=c, rates=r)
            for t, (c, r) in ((t, tally_out(tally)) for t, tally in stats.townships)
        ],
    )
