"""The township proposals panel with the §6.3 columns and counters (DOMAIN §6.3): the
proposal list page plus handling units, due date, overdue flag, result class, satisfaction,
and the township's counters."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.proposals.application.stats_labels import COUNT_LABELS
from services.proposals.application.stats_panel import Panel, panel
from services.proposals.config_lifecycle import lifecycle_config
from services.proposals.domain.labels import ROLE_LABELS, SATISFACTION_LABELS
from shared.service import ServiceRuntime

from .schemas import ProposalItem, ProposalPage, TownshipProposals
from .schemas_views import Labelled
from .stats_schemas import CountOut

UNJUDGED = Labelled(code="none", label="未评价")


class PanelUnit(BaseModel):
    unit_id: str
    unit_name: str
    role: Labelled = Field(description="主办/会办/分办/独办")


class TownshipPanelItem(ProposalItem):
    handling_units: list[PanelUnit] = Field(default_factory=list, description="承办单位")
    due_on: date | None = Field(
        default=None, description="答复期限：未办完任务中最早的期限；均已办完时为答复期限"
    )
    result_classes: list[Labelled] = Field(
        default_factory=list, description="各答复的办理结果类别（主办/分办/独办单位最终答复）"
    )
    satisfaction: list[Labelled] = Field(
        default_factory=list, description="第一提案人对各答复办理结果的评价"
    )


class TownshipPanelPage(ProposalPage):
    items: list[TownshipPanelItem]  # type: ignore[assignment]


class TownshipProposalPanel(TownshipProposals):
    page: TownshipPanelPage
    as_of: date = Field(description="判断是否超期的日期")
    summary: list[CountOut] = Field(
        default_factory=list,
        description="本乡镇提案计数：收到、立案、不予立案（其中转为社情民意信息）、办复、按期办复、满意",
    )


def _item(base: ProposalItem, found: Panel, classes: dict[str, str]) -> TownshipPanelItem:
    row = found.rows.get(base.proposal_id)
    if row is None:
        return TownshipPanelItem(**base.model_dump())
    return TownshipPanelItem(
        **{**base.model_dump(), "overdue": row.overdue},
        handling_units=[
            PanelUnit(
                unit_id=t.unit_id,
                unit_name=t.unit_name,
                role=Labelled(code=t.role, label=ROLE_LABELS.get(t.role, t.role)),
            )
            for t in sorted(row.tasks, key=lambda t: int(t.task_id[1:]))
        ],
        due_on=row.due_on,
        result_classes=[Labelled(code=c, label=classes.get(c, c)) for c in row.result_classes],
        satisfaction=[
            Labelled(code=s, label=SATISFACTION_LABELS.get(s, s)) if s else UNJUDGED
            for s in row.satisfaction
        ],
    )


async def township_panel(
    rt: ServiceRuntime, base: TownshipProposals, as_of: date
) -> TownshipProposalPanel:
    """`base` (the status counts and the proposal page) with the panel's columns."""
    ids = [i.proposal_id for i in base.page.items]
    found = await panel(rt, base.township_id, ids, as_of)
    classes = lifecycle_config(rt).result_classes
    page = TownshipPanelPage(
        **base.page.model_dump(exclude={"items"}),
        items=[_item(i, found, classes) for i in base.page.items],
    )
    return TownshipProposalPanel(
        **base.model_dump(exclude={"page"}),
        page=page,
        as_of=as_of,
        summary=[
            CountOut(code=c, label=COUNT_LABELS[c], value=v) for c, v in found.counters.items()
        ],
    )
