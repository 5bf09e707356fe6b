"""`python -m bench [--quick] [--only writes,projections,freshness] [--no-members] [--out FILE]`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.harness import (
    Config,
    Row,
    failed_row,
    loadavg,
    machine_lines,
    render_notes,
    render_table,
)

GROUPS = ("writes", "projections", "freshness")


def _order(row: Row) -> int:
    """Rows sort by their leading number; within one number they keep the order of runs."""
    digits = ""
    for ch in row.key:
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits else 99


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small N: a smoke run (≤ 60 s)")
    p.add_argument(
        "--only",
        default="",
        help="comma-separated groups to run: writes (rows 1–4), projections (5–6), freshness (7)",
    )
    p.add_argument(
        "--no-members",
        action="store_true",
        help="use the sample Balances projection even where the members service exists",
    )
    p.add_argument("--out", type=Path, help="also write the report (markdown) to this file")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    only = {g.strip() for g in args.only.split(",") if g.strip()} or set(GROUPS)
    unknown = only - set(GROUPS)
    if unknown:
        print(f"unknown group(s): {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
        return 2
    cfg = Config.make(args.quick, members=not args.no_members)
    return asyncio.run(_main(cfg, only, args.out))


async def _main(cfg: Config, only: set[str], out: Path | None) -> int:
    from shared import logging as shared_logging

    shared_logging.configure("bench", "console", "WARNING")
    logging.getLogger("nats").setLevel(logging.CRITICAL)

    from bench import freshness, projections, writes

    groups: list[tuple[str, Callable[[Config], Awaitable[list[Row]]]]] = [
        ("writes", writes.run),
        ("projections", projections.run),
        ("freshness", freshness.run),
    ]
    header = [
        f"# cppcc benchmark ({'quick' if cfg.quick else 'full'} run)",
        "",
        *machine_lines(),
        f"- load average at start (1/5/15 min): {loadavg()}",
    ]
    print("\n".join(header), flush=True)
    started = time.perf_counter()
    rows: list[Row] = []
    timings: list[str] = []
    for name, fn in groups:
        if name not in only:
            continue
        t0 = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            rows += await fn(cfg)
        except Exception as exc:
            traceback.print_exc()
            rows.append(failed_row(name, f"{name} group", exc))
        timings.append(f"{name} {time.perf_counter() - t0:.0f} s (load after: {loadavg()})")
    rows.sort(key=_order)
    footer = [
        f"- wall time: {time.perf_counter() - started:.0f} s ({'; '.join(timings)})",
        f"- load average at end (1/5/15 min): {loadavg()}",
    ]
    report = "\n".join(
        [
            *header,
            *footer,
            "",
            render_table(rows),
            "",
            "Notes:",
            "",
            render_notes(rows),
        ]
    )
    print("\n".join(footer))
    print()
    print(render_table(rows))
    print()
    print("Notes:\n")
    print(render_notes(rows))
    if out is not None:
        await asyncio.to_thread(out.write_text, report + "\n", encoding="utf-8")
    return 0
