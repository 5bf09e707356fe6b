"""What the member-registry handlers need from the running service: the key store, the
county configuration, and look-ups in the `directory` read model (names → ids)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from services.members.adapters.keystore import KeyStore
from services.members.config_registry import RegistryConfig, load_registry_config
from services.members.projections.directory import Directory
from shared.ids import stable_id
from shared.service import ServiceRuntime
from shared.streams import last_sequence

KEYSTORE = "member_keystore"
CONFIG = "registry_config"


async def start_registry(rt: ServiceRuntime) -> None:
    """Service start: open (create if needed) the key bucket; load the configuration."""
    rt.extras[KEYSTORE] = await KeyStore.open(rt.nc, rt.settings.stream_replicas)
    rt.extras.setdefault(CONFIG, load_registry_config())


def keystore_of(rt: ServiceRuntime) -> KeyStore:
    store: KeyStore = rt.extras[KEYSTORE]
    return store


def registry_config_of(rt: ServiceRuntime) -> RegistryConfig:
    config: RegistryConfig = rt.extras.get(CONFIG) or RegistryConfig()
    return config


def directory(rt: ServiceRuntime) -> Directory:
    return next(p for p in rt.runner.projections if isinstance(p, Directory))


def sector_id_of_name(name: str) -> str:
    """The id a sector established under `name` gets (deterministic: one sector per name)."""
    return stable_id("sector", name.strip())


async def sector_named(rt: ServiceRuntime, name: str, *, active_only: bool = True) -> str | None:
    """The id of the sector currently called `name` (read model), if any."""
    s = directory(rt).sectors
    stmt = select(s.c.sector_id).where(s.c.name == name.strip())
    if active_only:
        stmt = stmt.where(s.c.retired.is_(False))
    async with rt.db.read() as conn:
        return (await conn.execute(stmt.order_by(s.c.sector_id))).scalars().first()


async def resolve_sector(rt: ServiceRuntime, sector_id: str | None, name: str | None) -> str:
    """The sector aggregate a member command targets: the given id, else the sector now
    called `name`, else the id a sector of that name would have (the decision then says
    whether it exists)."""
    if sector_id:
        return sector_id
    found = await sector_named(rt, name or "", active_only=False)
    return found or sector_id_of_name(name or "")


@dataclass(frozen=True)
class MemberRef:
    member_id: str
    name: str
    township_id: str
    active: bool


async def _member_refs(rt: ServiceRuntime, wanted: list[str]) -> dict[str, MemberRef]:
    m = directory(rt).members
    stmt = select(m.c.member_id, m.c.name, m.c.township_id, m.c.active).where(
        m.c.member_id.in_(wanted)
    )
    async with rt.db.read() as conn:
        rows = (await conn.execute(stmt)).all()
    return {r.member_id: MemberRef(r.member_id, r.name, r.township_id, r.active) for r in rows}


async def member_refs(rt: ServiceRuntime, member_ids: Iterable[str]) -> dict[str, MemberRef]:
    """Members as the directory knows them. When some are missing, wait (briefly) for the
    directory to catch up with the stream first: they may have just been registered."""
    wanted = sorted(set(member_ids))
    if not wanted:
        return {}
    refs = await _member_refs(rt, wanted)
    if len(refs) < len(wanted):
        latest = await last_sequence(rt.nc, rt.stream)
        if await rt.runner.wait_for(rt.stream, latest, rt.settings.read_wait_seconds):
            refs = await _member_refs(rt, wanted)
    return refs
