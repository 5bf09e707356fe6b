"""Statistics and the compilation for the API and the exports: who may see them, and the
read (one read transaction per answer, so every figure comes from the same moment)."""

from __future__ import annotations

from services.proposals.config_lifecycle import lifecycle_config
from shared.auth import Forbidden, Principal
from shared.service import ServiceRuntime

from .access import OFFICE_ROLES, STAFF_ROLES
from .stats import Statistics, compute
from .stats_compilation import CompilationRow, compilation
from .stats_facts import Scope, load_facts

# 提案委、政协机关, and the county leaders' offices (县委办/县政府办督查室, 督办部门).
STATS_ROLES = STAFF_ROLES
EXPORT_ROLES = OFFICE_ROLES

STATS_ONLY = "只有提案委员会、政协机关和县委县政府有关部门（交办、督办）可以查看提案统计。"
EXPORT_ONLY = "只有提案委员会或政协机关工作人员可以导出提案汇编和统计表。"


def require_stats(principal: Principal) -> None:
    if not principal.has(*STATS_ROLES):
        raise Forbidden(STATS_ONLY)


def require_township_stats(principal: Principal, township_id: str) -> None:
    """The township's own liaison group, or anyone who sees the county-wide figures."""
    if not principal.has(*STATS_ROLES):
        principal.require_township(township_id)


def require_export(principal: Principal) -> None:
    if not principal.has(*EXPORT_ROLES):
        raise Forbidden(EXPORT_ONLY)


async def statistics(rt: ServiceRuntime, scope: Scope) -> Statistics:
    async with rt.db.read() as conn:
        facts = await load_facts(rt, conn, scope)
    return compute(facts, scope, lifecycle_config(rt).result_classes)


async def compilation_rows(rt: ServiceRuntime, scope: Scope) -> list[CompilationRow]:
    async with rt.db.read() as conn:
        facts = await load_facts(rt, conn, scope)
    return compilation(facts.proposals)
