"""`cppcc` — one entry point: run the system, mint tokens, rebuild projections, show status.

cppcc run [--only SERVICE ...]      start nats-server (unless NATS_URL) and the services
cppcc token --subject S --role R    mint a bearer token
cppcc rebuild SERVICE [--projection P] [--verify]
cppcc status                        streams and projection positions
cppcc deadletters list [--service S] [--projection P] [--all]
cppcc deadletters replay [--service S] (ID ... | --projection P) [--force]
cppcc deadletters dismiss [--service S] ID ... --reason TEXT [--by NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import secrets
import sys
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shared.auth import mint
from shared.settings import DEFAULT_PORTS

if TYPE_CHECKING:
    from nats.aio.client import Client as NATS

    from shared.db import Database
    from shared.deadletters import DeadLetter, DeadLetterReplayer, ReplayResult
    from shared.service import ServiceDefinition

SERVICES = tuple(DEFAULT_PORTS)


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR", "data"))


def auth_secret(create: bool = False) -> str:
    """AUTH_SECRET from the environment, else the local one kept in data/auth_secret."""
    if os.environ.get("AUTH_SECRET"):
        return os.environ["AUTH_SECRET"]
    path = data_dir() / "auth_secret"
    if path.exists():
        return path.read_text().strip()
    if not create:
        raise SystemExit(
            "AUTH_SECRET 未设置，且 data/auth_secret 不存在：请先运行 `make run` 或设置"
            " AUTH_SECRET 环境变量（至少 32 个字符）。"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value


def nats_url() -> str:
    if os.environ.get("NATS_URL"):
        return os.environ["NATS_URL"]
    state = data_dir() / "run.json"
    if state.exists():
        return str(json.loads(state.read_text())["nats_url"])
    raise SystemExit("找不到 NATS 服务器：请设置 NATS_URL，或先用 `make run` 启动系统。")


def cmd_token(args: argparse.Namespace) -> int:
    try:
        token = mint(auth_secret(), args.subject, args.role, ttl=timedelta(days=args.days))
    except ValueError as exc:
        print(f"角色不正确：{exc}", file=sys.stderr)
        return 2
    print(token)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from shared.launcher import Launcher

    only = args.only or list(SERVICES)
    unknown = [s for s in only if s not in SERVICES]
    if unknown:
        print(f"未知的服务：{', '.join(unknown)}；可选：{', '.join(SERVICES)}", file=sys.stderr)
        return 2
    launcher = Launcher(data_dir(), auth_secret(create=True), only, os.environ.get("NATS_URL"))
    return launcher.run_forever()


def _definition(service: str) -> Any:
    if service not in SERVICES:
        raise SystemExit(f"未知的服务：{service}；可选：{', '.join(SERVICES)}")
    return importlib.import_module(f"services.{service}.app").definition()


def _db_url(service: str) -> str:
    """`<SERVICE>_DATABASE_URL`, else `DATABASE_URL` when only one service is meant, else the
    embedded default (SQLite under DATA_DIR)."""
    specific = os.environ.get(f"{service.upper()}_DATABASE_URL")
    if specific:
        return specific
    return f"sqlite+aiosqlite:///{(data_dir() / f'{service}.db').resolve()}"


async def _connect() -> Any:
    import nats

    return await nats.connect(
        nats_url(), user=os.environ.get("NATS_USER"), password=os.environ.get("NATS_PASSWORD")
    )


async def _rebuild(service: str, projection: str | None, verify: bool) -> int:
    from shared.db import Database
    from shared.runner import ProjectionRunner, compare_tables
    from shared.streams import last_sequence

    definition = _definition(service)
    db = Database(_service_db_url(service))
    nc = await _connect()
    try:
        projections = [
            p
            for p in definition.projections(db.dialect)
            if p.replayable and (projection is None or p.name == projection)
        ]
        if not projections:
            print(f"服务 {service} 没有名为 {projection} 的投影。", file=sys.stderr)
            return 2
        runner = ProjectionRunner(nc, db, projections, service=service)
        status = 0
        for proj in projections:
            if not verify:
                counts = await runner.rebuild(proj)
                print(f"{service}/{proj.name}: rebuilt from {counts}")
                continue
            await runner.setup(rebuild_changed=False)  # a check: it rebuilds nothing live
            if proj.name in runner.changed_read_models:
                print(
                    f"{service}/{proj.name}: 读模型的表结构或版本已变，现有的表按旧定义建成，"
                    f"无法比较；请先重建：cppcc rebuild {service} --projection {proj.name}",
                    file=sys.stderr,
                )
                status = 1
                continue
            up_to = {s: runner.position(s) for s in proj.sources}
            up_to = {s: v or await last_sequence(nc, s) for s, v in up_to.items()}
            clone = proj.clone("rb_")
            await runner.rebuild(clone, up_to=up_to)
            report = await compare_tables(db, proj, clone)
            await db.drop(list(clone.metadata.sorted_tables))
            equal = all(a == b and d == 0 for a, b, d in report.values())
            status = status or (0 if equal else 1)
            print(f"{service}/{proj.name}: {'EQUAL' if equal else 'DIFFERENT'} {report}")
        return status
    finally:
        await nc.close()
        await db.dispose()


def cmd_rebuild(args: argparse.Namespace) -> int:
    return asyncio.run(_rebuild(args.service, args.projection, args.verify))


async def _status() -> int:
    from shared.db import Database
    from shared.projection import bookkeeping, read_positions
    from shared.streams import stream_info

    nc = await _connect()
    try:
        print(f"{'stream':<16}{'messages':>10}{'last_seq':>10}")
        last: dict[str, int] = {}
        for service in SERVICES:
            try:
                info = await stream_info(nc, service.upper())
            except Exception:
                print(f"{service.upper():<16}{'-':>10}{'-':>10}")
                continue
            last[service.upper()] = int(info["state"]["last_seq"])
            print(
                f"{service.upper():<16}{info['state']['messages']:>10}{last[service.upper()]:>10}"
            )
        print(
            f"\n{'service':<15}{'projection':<24}{'stream':<15}{'position':>9}{'lag':>7}"
            "  read model"
        )
        for service in SERVICES:
            db = Database(_db_url(service))
            try:
                await db.create(bookkeeping)
                models = await _read_model_states(service, db)
                async with db.read() as conn:
                    for pos in await read_positions(conn):
                        lag = last.get(pos.stream, pos.last_seq) - pos.last_seq
                        print(
                            f"{service:<15}{pos.projection:<24}{pos.stream:<15}"
                            f"{pos.last_seq:>9}{lag:>7}  {models.get(pos.projection, '—')}"
                        )
            finally:
                await db.dispose()
        return 0
    finally:
        await nc.close()


async def _read_model_states(service: str, db: Any) -> dict[str, str]:
    """Per projection: are its tables built for the code's read model (ADR 0015)?"""
    from sqlalchemy import select

    from shared.readmodel_schema import fingerprint, schemas

    async with db.read() as conn:
        stored = dict(
            (await conn.execute(select(schemas.c.projection, schemas.c.fingerprint))).all()
        )
    states: dict[str, str] = {}
    for projection in _definition(service).projections(db.dialect):
        if not projection.replayable:
            continue
        name = projection.checkpoint_name
        recorded = stored.get(name)
        if recorded is None:
            states[name] = "未记录（下次启动时记下）"
        elif recorded == fingerprint(projection, db.engine.dialect):
            states[name] = "当前"
        else:
            states[name] = "已变更，下次启动时重建"
    return states


def cmd_status(_: argparse.Namespace) -> int:
    return asyncio.run(_status())


# --- dead letters ------------------------------------------------------------------------


def _service_db_url(service: str) -> str:
    """The database of one named service: `<SERVICE>_DATABASE_URL`, else `DATABASE_URL`,
    else the embedded default."""
    return (
        os.environ.get(f"{service.upper()}_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or _db_url(service)
    )


def _db_exists(url: str) -> bool:
    """False for an SQLite file that is not there (opening it would create it)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    return bool(parsed.database) and Path(str(parsed.database)).exists()


def _services_for(service: str | None) -> list[str] | None:
    if service is None:
        return list(SERVICES)
    if service not in SERVICES:
        print(f"未知的服务：{service}；可选：{', '.join(SERVICES)}", file=sys.stderr)
        return None
    return [service]


def _db_urls(services: Sequence[str], named: bool) -> dict[str, str]:
    """Each service's database that exists; a named service may use `DATABASE_URL`."""
    urls = {s: _service_db_url(s) if named else _db_url(s) for s in services}
    return {s: url for s, url in urls.items() if _db_exists(url)}


def _owners(projection: str, services: Sequence[str]) -> list[str]:
    """The services among `services` that have a projection named `projection`."""
    return [
        s
        for s in services
        if any(p.name == projection for p in _definition(s).projections("sqlite"))
    ]


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if _display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [headers, *rows]
    widths = [max(_display_width(cell) for cell in column) for column in zip(*lines, strict=True)]

    def pad(cell: str, width: int) -> str:
        return cell + " " * (width - _display_width(cell))

    return "\n".join(
        "  ".join(pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


#: How each state of a dead letter is shown (`--all`).
STATUS = {"open": "未重放", "replayed": "已重放", "dismissed": "已忽略"}


def _dead_letter_table(rows: Sequence[tuple[str, DeadLetter]], everything: bool) -> str:
    headers = ["编号", "服务", "投影", "事件流", "序号", "事件类型", "错误", "尝试次数"]
    headers += ["记录时间(UTC)"]
    if everything:
        headers += ["状态", "重放时间(UTC)", "忽略时间(UTC)", "忽略人", "忽略原因"]
    body = [
        [
            str(d.id),
            service,
            d.projection,
            d.stream,
            str(d.seq),
            d.event_type or "-",
            _clip(d.error, 60),
            str(d.attempts),
            _when(d.recorded_at),
            *(
                [
                    STATUS[d.status],
                    _when(d.replayed_at),
                    _when(d.dismissed_at),
                    _clip(d.dismissed_by or "-", 20),
                    _clip(d.dismissed_reason or "-", 40),
                ]
                if everything
                else []
            ),
        ]
        for service, d in rows
    ]
    return _table(headers, body)


async def _deadletters_list(service: str | None, projection: str | None, everything: bool) -> int:
    from shared.db import Database
    from shared.deadletters import list_dead_letters

    services = _services_for(service)
    if services is None:
        return 2
    if projection is not None:
        owners = _owners(projection, services)
        if not owners:
            where = f"服务 {service} " if service else "任何服务都"
            print(f"{where}没有名为 {projection} 的投影。", file=sys.stderr)
            return 2
        services = owners
    rows: list[tuple[str, DeadLetter]] = []
    for name, url in _db_urls(services, named=service is not None).items():
        db = Database(url)
        try:
            found = await list_dead_letters(db, projection, everything, everything)
            rows += [(name, d) for d in found]
        finally:
            await db.dispose()
    if not rows:
        print("没有死信。" if everything else "没有未重放的死信。")
        return 0
    print(_dead_letter_table(rows, everything))
    unreplayed = sum(1 for _, d in rows if d.status == "open")
    dismissed = sum(1 for _, d in rows if d.status == "dismissed")
    tail = f"，已忽略 {dismissed} 条" if dismissed else ""
    print(f"\n共 {len(rows)} 条，其中未重放 {unreplayed} 条{tail}。")
    return 0


def _parse_ids(values: Sequence[str]) -> list[int] | None:
    ids: list[int] = []
    for value in values:
        if not value.isdigit() or int(value) <= 0:
            print(f"死信编号必须是正整数：{value}", file=sys.stderr)
            return None
        ids.append(int(value))
    return ids


async def _letters_database(
    target: str | None, named: bool, ids: Sequence[int], services: Sequence[str], verb: str
) -> tuple[str, str] | None:
    """The service whose dead letters these are (`target`, else the one holding `ids`) and
    its database URL (`named`: the service was named on the command line); None, after
    saying why, when there is no such service or its database does not exist."""
    if target is None:
        target = await _holder(ids, services, named=False, verb=verb)
        if target is None:
            return None
    url = _service_db_url(target) if named else _db_url(target)
    if not _db_exists(url):
        print(f"服务 {target} 的数据库不存在：{url}；没有可{verb}的死信。", file=sys.stderr)
        return None
    return target, url


async def _holder(
    ids: Sequence[int], services: Sequence[str], named: bool, verb: str = "重放"
) -> str | None:
    """The one service whose database holds every id; prints why not and returns None."""
    from shared.db import Database
    from shared.deadletters import get_dead_letters

    holders: dict[int, list[str]] = {i: [] for i in ids}
    for name, url in _db_urls(services, named).items():
        db = Database(url)
        try:
            for i in await get_dead_letters(db, ids):
                holders[i].append(name)
        finally:
            await db.dispose()
    unknown = [str(i) for i, where in holders.items() if not where]
    if unknown:
        print(f"找不到编号为 {', '.join(unknown)} 的死信。", file=sys.stderr)
        return None
    ambiguous = {i: where for i, where in holders.items() if len(where) > 1}
    if ambiguous:
        i, where = next(iter(ambiguous.items()))
        print(
            f"编号 {i} 的死信在多个服务中都有（{'、'.join(where)}），请用 --service 指定服务。",
            file=sys.stderr,
        )
        return None
    owners = {where[0] for where in holders.values()}
    if len(owners) > 1:
        print(
            f"这些死信分属多个服务（{'、'.join(sorted(owners))}），"
            f"请按服务分别用 --service {verb}。",
            file=sys.stderr,
        )
        return None
    return owners.pop()


async def _deadletters_replay(
    service: str | None, values: Sequence[str], projection: str | None, force: bool
) -> int:
    from shared.db import Database
    from shared.deadletters import (
        AlreadyDismissed,
        AlreadyReplayed,
        DeadLetterReplayer,
        UnknownDeadLetter,
        UnknownProjection,
    )

    if bool(values) == (projection is not None):
        print("请给出死信编号，或用 --projection 指定投影（二者选其一）。", file=sys.stderr)
        return 2
    ids = _parse_ids(values)
    services = _services_for(service)
    if ids is None or services is None:
        return 2
    if projection is not None:
        owners = _owners(projection, services)
        if not owners:
            where = f"服务 {service} " if service else "任何服务都"
            print(f"{where}没有名为 {projection} 的投影。", file=sys.stderr)
            return 2
        if len(owners) > 1:
            print(
                f"多个服务都有名为 {projection} 的投影（{'、'.join(owners)}），"
                "请用 --service 指定服务。",
                file=sys.stderr,
            )
            return 2
        known: str | None = owners[0]
    else:
        known = service
    located = await _letters_database(known, service is not None, ids, services, "重放")
    if located is None:
        return 2
    target, url = located
    definition = _definition(target)
    db = Database(url)
    try:
        replayer = DeadLetterReplayer(None, db, list(definition.projections(db.dialect)))
        try:
            letters = await replayer.check(ids, force) if ids else []
        except UnknownDeadLetter as exc:
            found_ids = ", ".join(map(str, exc.ids))
            print(f"服务 {target} 没有编号为 {found_ids} 的死信。", file=sys.stderr)
            return 2
        except UnknownProjection as exc:
            print(
                f"死信所属的投影 {exc.name} 不在服务 {target} 中（已改名或删除？），无法重放。",
                file=sys.stderr,
            )
            return 2
        except AlreadyReplayed as exc:
            for d in exc.letters:
                print(
                    f"编号 {d.id} 的死信已于 {_when(d.replayed_at)} (UTC) 重放过；"
                    "如确需再次应用该事件，请加 --force。",
                    file=sys.stderr,
                )
            return 2
        except AlreadyDismissed as exc:
            for d in exc.letters:
                print(
                    f"编号 {d.id} 的死信已于 {_when(d.dismissed_at)} (UTC) 由"
                    f" {d.dismissed_by or '-'} 忽略（原因：{d.dismissed_reason or '-'}）；"
                    "如确需重放，请加 --force。",
                    file=sys.stderr,
                )
            return 2
        if projection is not None and not await _has_unreplayed(db, projection):
            print(f"服务 {target} 的投影 {projection} 没有未重放的死信。")
            return 0
        nc = await _connect()
        try:
            await _bind_policies(nc, definition, replayer)
            replayer.nc = nc
            if projection is not None:
                results = await replayer.replay_projection(projection)
            else:
                results = [await replayer.replay(d, force) for d in letters]
        finally:
            await nc.close()
    finally:
        await db.dispose()
    for result in results:
        print(_replay_line(target, result))
    ok = sum(1 for r in results if r.ok)
    print(f"\n共 {len(results)} 条：已重放 {ok} 条，未成功 {len(results) - ok} 条。")
    return 0 if ok == len(results) else 1


async def _has_unreplayed(db: Database, projection: str) -> bool:
    from shared.deadletters import list_dead_letters

    return bool(await list_dead_letters(db, projection))


def _operator() -> str:
    """Who dismisses, when --by is not given: the login name of the operator."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


async def _deadletters_dismiss(
    service: str | None, values: Sequence[str], reason: str | None, by: str | None
) -> int:
    from shared.db import Database
    from shared.deadletters import (
        AlreadyDismissed,
        AlreadyReplayed,
        UnknownDeadLetter,
        dismiss_dead_letters,
    )

    if not values:
        print("请给出要忽略的死信编号（见 deadletters list）。", file=sys.stderr)
        return 2
    if reason is None or not reason.strip():
        print(
            "请用 --reason 说明为什么忽略这些死信（必填，会与操作人、时间一起记入死信表）。",
            file=sys.stderr,
        )
        return 2
    ids = _parse_ids(values)
    services = _services_for(service)
    if ids is None or services is None:
        return 2
    located = await _letters_database(service, service is not None, ids, services, "忽略")
    if located is None:
        return 2
    target, url = located
    db = Database(url)
    try:
        dismissed = await dismiss_dead_letters(db, ids, by or _operator(), reason)
    except UnknownDeadLetter as exc:
        print(f"服务 {target} 没有编号为 {', '.join(map(str, exc.ids))} 的死信。", file=sys.stderr)
        return 2
    except AlreadyDismissed as exc:
        for d in exc.letters:
            print(
                f"编号 {d.id} 的死信已于 {_when(d.dismissed_at)} (UTC) 由"
                f" {d.dismissed_by or '-'} 忽略过（原因：{d.dismissed_reason or '-'}），"
                "无需再次忽略。",
                file=sys.stderr,
            )
        return 2
    except AlreadyReplayed as exc:
        for d in exc.letters:
            print(
                f"编号 {d.id} 的死信已于 {_when(d.replayed_at)} (UTC) 重放过，不能再忽略。",
                file=sys.stderr,
            )
        return 2
    finally:
        await db.dispose()
    for d in dismissed:
        print(
            f"#{d.id} {target}/{d.projection} {d.stream}#{d.seq} {d.event_type or '-'}："
            f"已忽略（{d.dismissed_by}，原因：{d.dismissed_reason}）。"
        )
    print(
        f"\n共忽略 {len(dismissed)} 条：不再列出（deadletters list --all 可查看），"
        "也不会被重放（除非按编号重放并加 --force）。"
    )
    return 0


async def _bind_policies(
    nc: NATS, definition: ServiceDefinition, replayer: DeadLetterReplayer
) -> None:
    """Policies replay by issuing commands: give them the service's command runner."""
    from shared.commands import CommandRunner
    from shared.eventstore import EventStore
    from shared.policy import Policy
    from shared.streams import stream_for

    policies = [p for p in replayer.projections.values() if isinstance(p, Policy)]
    if not policies:
        return
    store = EventStore(
        nc, stream_for(definition.context), definition.registry, service=definition.context
    )
    commands = CommandRunner(store)
    for policy in policies:
        policy.bind(commands)


def _replay_line(service: str, result: ReplayResult) -> str:
    d = result.dead_letter
    head = f"#{d.id} {service}/{d.projection} {d.stream}#{d.seq} {d.event_type or '-'}："
    if result.outcome == "replayed":
        return head + "已重放，读模型已更新。"
    if result.outcome == "failed":
        return head + f"重放失败：{result.detail}（死信保留为未重放，已记下新的错误）"
    if result.outcome == "refused":
        return head + "未重放：已被其他操作重放或忽略。"
    return head + f"未重放：无法取得原始消息（{result.detail}）"


class _Stderr:
    """Whatever sys.stderr is at the time of writing."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def _logs_to_stderr() -> None:
    """Library logs go to stderr: stdout is the command's answer."""
    import structlog

    structlog.configure(logger_factory=structlog.PrintLoggerFactory(_Stderr()))  # type: ignore[arg-type]


def cmd_deadletters_list(args: argparse.Namespace) -> int:
    _logs_to_stderr()
    return asyncio.run(_deadletters_list(args.service, args.projection, args.all))


def cmd_deadletters_replay(args: argparse.Namespace) -> int:
    _logs_to_stderr()
    return asyncio.run(_deadletters_replay(args.service, args.ids, args.projection, args.force))


def cmd_deadletters_dismiss(args: argparse.Namespace) -> int:
    _logs_to_stderr()
    return asyncio.run(_deadletters_dismiss(args.service, args.ids, args.reason, args.by))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cppcc", description="县政协履职系统 — 运行与运维命令")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="启动 nats-server（未设置 NATS_URL 时）和各服务")
    run.add_argument("--only", nargs="+", metavar="SERVICE", help=f"只启动：{', '.join(SERVICES)}")
    run.set_defaults(fn=cmd_run)
    tok = sub.add_parser("token", help="签发访问令牌")
    tok.add_argument("--subject", required=True, help="令牌主体（用户名或编号），记入事件的 actor")
    tok.add_argument(
        "--role",
        action="append",
        required=True,
        help="county_admin | proposal_office | ops | township:<id> | member:<id>"
        " | handling_unit:<id>（可重复）",
    )
    tok.add_argument("--days", type=int, default=30, help="有效天数（默认 30）")
    tok.set_defaults(fn=cmd_token)
    reb = sub.add_parser("rebuild", help="从序号 1 重放事件，重建投影（请先停止该服务）")
    reb.add_argument("service", choices=SERVICES)
    reb.add_argument("--projection", help="只重建这个投影")
    reb.add_argument(
        "--verify",
        action="store_true",
        help="重建到临时表并与现有读模型逐行比较（不改动现有数据，服务可继续运行）",
    )
    reb.set_defaults(fn=cmd_rebuild)
    st = sub.add_parser("status", help="显示事件流和各投影的位置")
    st.set_defaults(fn=cmd_status)
    dl = sub.add_parser(
        "deadletters", help="查看、重放或忽略投影的死信（多次处理失败而被跳过的事件）"
    )
    dls = dl.add_subparsers(dest="action", required=True)
    dll = dls.add_parser("list", help="列出死信（默认只列未重放、未忽略的）")
    dll.add_argument("--service", metavar="SERVICE", help=f"只看这个服务：{', '.join(SERVICES)}")
    dll.add_argument("--projection", help="只看这个投影")
    dll.add_argument(
        "--all", action="store_true", help="也列出已重放和已忽略的（显示状态、忽略人和原因）"
    )
    dll.set_defaults(fn=cmd_deadletters_list)
    dlr = dls.add_parser(
        "replay",
        help="修复处理程序后重放死信：从事件流取回原事件，应用到读模型并标记为已重放",
    )
    dlr.add_argument("ids", nargs="*", metavar="ID", help="死信编号（见 deadletters list）")
    dlr.add_argument("--service", metavar="SERVICE", help=f"死信所在的服务：{', '.join(SERVICES)}")
    dlr.add_argument("--projection", help="重放这个投影全部未重放的死信")
    dlr.add_argument(
        "--force",
        action="store_true",
        help="已重放过或已忽略的也重放（事件会再应用一次）",
    )
    dlr.set_defaults(fn=cmd_deadletters_replay)
    dld = dls.add_parser(
        "dismiss",
        help="忽略死信而不重放（如事件已过时）：记下操作人、时间和原因，此后不再列出、不再重放",
    )
    dld.add_argument("ids", nargs="*", metavar="ID", help="死信编号（见 deadletters list）")
    dld.add_argument("--service", metavar="SERVICE", help=f"死信所在的服务：{', '.join(SERVICES)}")
    dld.add_argument("--reason", help="忽略的原因（必填）")
    dld.add_argument("--by", metavar="NAME", help="操作人（默认：当前登录用户名）")
    dld.set_defaults(fn=cmd_deadletters_dismiss)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
