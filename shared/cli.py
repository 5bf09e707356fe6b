"""`cppcc` — one entry point: run the system, mint tokens, rebuild projections, show status.

cppcc run [--only SERVICE ...]      start nats-server (unless NATS_URL) and the services
cppcc token --subject S --role R    mint a bearer token
cppcc rebuild SERVICE [--projection P] [--verify]
cppcc status                        streams and projection positions
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from shared.auth import mint
from shared.settings import DEFAULT_PORTS

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
    db = Database(os.environ.get("DATABASE_URL") or _db_url(service))
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
            await runner.setup()
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
        print(f"\n{'service':<15}{'projection':<24}{'stream':<15}{'position':>9}{'lag':>7}")
        for service in SERVICES:
            db = Database(_db_url(service))
            try:
                await db.create(bookkeeping)
                async with db.read() as conn:
                    for pos in await read_positions(conn):
                        lag = last.get(pos.stream, pos.last_seq) - pos.last_seq
                        print(
                            f"{service:<15}{pos.projection:<24}{pos.stream:<15}"
                            f"{pos.last_seq:>9}{lag:>7}"
                        )
            finally:
                await db.dispose()
        return 0
    finally:
        await nc.close()


def cmd_status(_: argparse.Namespace) -> int:
    return asyncio.run(_status())


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
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
