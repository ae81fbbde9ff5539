"""Turn a pytest-benchmark JSON file into docs/performance.md and its chart.

    .venv/bin/python benchmarks/report.py .benchmarks/cronwall.json

Numbers are medians per operation (one parse, one fire, one next_after call, one schedule);
a ratio is peer time / cronwall time, so 12x means cronwall is twelve times faster. A case
whose answer differs from the reference is shown but left out of every ratio and mean.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import workloads

ROOT = Path(__file__).resolve().parent.parent
COMMAND = (
    ".venv/bin/python -m pytest benchmarks --benchmark-only --benchmark-max-time=0.2 "
    "--benchmark-json=.benchmarks/cronwall.json && "
    ".venv/bin/python benchmarks/report.py .benchmarks/cronwall.json"
)
LIBS = workloads.LIBRARY_NAMES
PEERS = LIBS[1:]
TITLE = {"cronwall": "cronwall", "cronsim": "cronsim", "croniter": "croniter"}
TITLE["apscheduler"] = "APScheduler 3"
CHART = "performance-next-fire.png"


@dataclass(frozen=True)
class Result:
    lib: str
    workload: str
    group: str
    per_op: float  # seconds, median
    rounds: int
    agrees: bool
    extra: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        """(zone, case): distance cases by label, mix cases by expression."""
        case = self.extra.get("label" if self.workload == "distance" else "expression", "")
        return self.extra.get("zone", ""), case


def load(path: Path) -> tuple[list[Result], dict[str, Any]]:
    data = json.loads(path.read_text())
    results = []
    for bench in data["benchmarks"]:
        extra = bench["extra_info"]
        results.append(
            Result(
                lib=extra["lib"],
                workload=extra["workload"],
                group=bench["group"],
                per_op=bench["stats"]["median"] / extra["ops"],
                rounds=bench["stats"]["rounds"],
                agrees=bool(extra.get("agrees", True)),
                extra=extra,
            )
        )
    return results, data


def geomean(values: Iterable[float]) -> float:
    values = list(values)
    return math.exp(sum(map(math.log, values)) / len(values)) if values else math.nan


def us(seconds: float) -> str:
    value = seconds * 1e6
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def times(ratio: float) -> str:
    if math.isnan(ratio):
        return ""
    return f"{ratio:.1f}x" if ratio < 100 else f"{ratio:,.0f}x"


class Report:
    def __init__(self, results: list[Result], data: dict[str, Any]) -> None:
        self.results = results
        self.data = data
        self.by: dict[tuple[str, str, str, str], Result] = {}
        for r in results:
            zone, key = r.key
            self.by[r.workload, zone, key, r.lib] = r
        self.notes: list[str] = []
        self.has_cronwall = any(r.lib == "cronwall" for r in results)

    def note(self, text: str) -> str:
        if text not in self.notes:
            self.notes.append(text)
        return f"[{self.notes.index(text) + 1}]"

    # -- series (next / prev over the mix) ---------------------------------------------------

    def series(self, workload: str, zone: str) -> dict[str, dict[str, Result]]:
        table: dict[str, dict[str, Result]] = defaultdict(dict)
        for (w, z, expression, lib), r in self.by.items():
            if w == workload and z == zone:
                table[expression][lib] = r
        return table

    def paired(self, workload: str, zone: str, peer: str) -> tuple[float, float, float, int]:
        """(cronwall geomean, peer geomean, ratio geomean, n) over the cases both get right."""
        pairs = [
            (row["cronwall"].per_op, row[peer].per_op)
            for row in self.series(workload, zone).values()
            if "cronwall" in row and peer in row and row["cronwall"].agrees and row[peer].agrees
        ]
        if not pairs:
            return math.nan, math.nan, math.nan, 0
        return (
            geomean(c for c, _ in pairs),
            geomean(p for _, p in pairs),
            geomean(p / c for c, p in pairs),
            len(pairs),
        )

    def own_geomean(self, workload: str, zone: str, lib: str) -> tuple[float, int]:
        values = [
            row[lib].per_op
            for row in self.series(workload, zone).values()
            if lib in row and row[lib].agrees
        ]
        return geomean(values), len(values)

    def series_table(self, workload: str, zone: str) -> list[str]:
        table = self.series(workload, zone)
        order = [case.expression for case in workloads.MIX]
        labels = {case.expression: case.label for case in workloads.MIX}
        lines = [
            "| expression | " + " | ".join(TITLE[lib] for lib in LIBS) + " |",
            "|---|" + "---:|" * len(LIBS),
        ]
        for expression in order:
            row = table.get(expression, {})
            cells = [f"`{expression}` ({labels[expression]})"]
            for lib in LIBS:
                r = row.get(lib)
                if r is None:
                    reason = workloads.UNSUPPORTED.get(lib, {}).get(expression)
                    if workload == "prev" and lib == "apscheduler":
                        reason = None
                    cells.append("absent " + self.note(reason) if reason else "—")
                    continue
                cell = us(r.per_op)
                if not r.agrees:
                    cell += " ≠" + self.note(
                        f"{TITLE[lib]}, {workload} {zone} `{expression}`: {r.extra['difference']}"
                    )
                elif lib != "cronwall" and "cronwall" in row and row["cronwall"].agrees:
                    cell += f" ({times(r.per_op / row['cronwall'].per_op)})"
                cells.append(cell)
            lines.append("| " + " | ".join(cells) + " |")
        geo = ["**geometric mean**"]
        for lib in LIBS:
            if lib == "cronwall" or not self.has_cronwall:
                value, n = self.own_geomean(workload, zone, lib)
                geo.append(f"**{us(value)}** (n={n})" if n else "—")
            else:
                _, peer, ratio, n = self.paired(workload, zone, lib)
                geo.append(f"**{us(peer)}** (**{times(ratio)}**, n={n})" if n else "—")
        lines.append("| " + " | ".join(geo) + " |")
        return lines

    # -- one query from a fresh start ------------------------------------------------------------

    def floor_factor(self, zone: str) -> float:
        """Geomean over the mix of cronwall's time per single query ÷ the floor's."""
        factors = [
            row["cronwall"].per_op / row["floor"].per_op
            for row in self.series("single", zone).values()
            if "cronwall" in row and "floor" in row and row["cronwall"].agrees
        ]
        return geomean(factors) if factors else math.nan

    def single_table(self, zone: str) -> list[str]:
        table = self.series("single", zone)
        labels = {case.expression: case.label for case in workloads.MIX}
        columns = ["floor", *LIBS]
        lines = [
            "| expression | floor | " + " | ".join(TITLE[lib] for lib in LIBS) + " |",
            "|---|" + "---:|" * len(columns),
        ]
        for case in workloads.MIX:
            row = table.get(case.expression, {})
            cells = [f"`{case.expression}` ({labels[case.expression]})"]
            for lib in columns:
                r = row.get(lib)
                if r is None:
                    reason = workloads.UNSUPPORTED.get(lib, {}).get(case.expression)
                    cells.append("absent " + self.note(reason) if reason else "—")
                    continue
                cell = us(r.per_op)
                if not r.agrees:
                    cell += " ≠" + self.note(
                        f"{TITLE[lib]}, one next_after {zone} `{case.expression}`: "
                        f"{r.extra['difference']}"
                    )
                elif lib not in ("cronwall", "floor") and "cronwall" in row:
                    cell += f" ({times(r.per_op / row['cronwall'].per_op)})"
                cells.append(cell)
            lines.append("| " + " | ".join(cells) + " |")
        geo = ["**geometric mean**"]
        value, n = self.own_geomean("single", zone, "floor")
        geo.append(f"**{us(value)}**" if n else "—")
        for lib in LIBS:
            if lib == "cronwall":
                value, n = self.own_geomean("single", zone, lib)
                geo.append(
                    f"**{us(value)}** ({self.floor_factor(zone):.2f}x the floor, n={n})"
                    if n
                    else "—"
                )
            else:
                _, peer, ratio, n = self.paired("single", zone, lib)
                geo.append(f"**{us(peer)}** (**{times(ratio)}**, n={n})" if n else "—")
        lines.append("| " + " | ".join(geo) + " |")
        return lines

    def first_query_table(self) -> list[str]:
        lines = [
            "| zone | cronwall: parse + first next_after | cronsim: constructor + first next "
            "| ratio |",
            "|---|---:|---:|---:|",
        ]
        for zone in workloads.ZONES:
            cw = self.by.get(("first_query", zone, "", "cronwall"))
            cs = self.by.get(("first_query", zone, "", "cronsim"))
            if cw is None or cs is None:
                continue
            marks = "".join(
                " ≠" + self.note(f"{TITLE[r.lib]}, first query {zone}: {r.extra['difference']}")
                for r in (cw, cs)
                if not r.agrees
            )
            lines.append(
                f"| {zone} | {us(cw.per_op)} | {us(cs.per_op)} "
                f"| {times(cs.per_op / cw.per_op)}{marks} |"
            )
        return lines

    def zone_first_use(self) -> tuple[dict[tuple[str, int], tuple[Result, Result]], list[str]]:
        """{(zone, year): (first, warm)} and the notes of cases whose answers differ."""
        cases: dict[tuple[str, int], dict[str, Result]] = defaultdict(dict)
        for r in self.results:
            if r.workload == "zone_first_query":
                cases[r.extra["zone"], r.extra["year"]][r.extra["state"]] = r
        pairs = {key: (row["first"], row["warm"]) for key, row in cases.items() if len(row) == 2}
        return pairs, [
            f"{key[0]} {key[1]}: " + ", ".join(r.extra["state"] for r in pair if not r.agrees)
            for key, pair in pairs.items()
            if not all(r.agrees for r in pair)
        ]

    def zone_loads(self) -> dict[str, tuple[Result, Result]]:
        """{zone: (cronwall's parse_tzif, ZoneInfo.from_file)} on the same bytes."""
        loads: dict[str, dict[str, Result]] = defaultdict(dict)
        for r in self.results:
            if r.workload == "zone_load":
                loads[r.extra["zone"]][r.lib] = r
        return {
            zone: (row["cronwall"], row["zoneinfo"])
            for zone, row in loads.items()
            if {"cronwall", "zoneinfo"} <= row.keys()
        }

    def zone_first_use_text(self) -> list[str]:
        pairs, _ = self.zone_first_use()
        loads = self.zone_loads()
        if not pairs and not loads:
            return []
        lines = [
            "## First use of a freshly loaded zone",
            "",
            "`benchmarks/bench_zone_first_use.py`. *Load*: a zone's rules read from its tzdata "
            "file's bytes (`cronwall._tzif.parse_tzif`) against `zoneinfo.ZoneInfo.from_file` "
            "on the same bytes in memory (no file system time on either side; µs per load). "
            "*First query*: before every round, fresh rules are loaded from the same bytes for "
            "each of the round's schedules and a `Schedule` built on each (through cronwall's "
            "per-name rules cache), with the engine's recent-segment cache cleared; the round "
            "times the first `next_after` of each. *Warm*: the same, with every schedule on one "
            "set of rules already asked about that instant. The expression "
            "(`0 0 * * *`) is parsed and its calendar tables built beforehand in both, so the "
            "ratio is the zone's first-use cost alone; the instant is June 1st, 12:00 UTC of "
            "the year; µs per query, medians; answers checked against the oracle first.",
            "",
        ]
        if loads:
            lines += [
                "| zone | cronwall: parse_tzif | ZoneInfo.from_file | cronwall ÷ zoneinfo |",
                "|---|---:|---:|---:|",
            ]
            for zone, (cw, zi) in loads.items():
                lines.append(
                    f"| {zone} | {us(cw.per_op)} | {us(zi.per_op)} | {cw.per_op / zi.per_op:.2f}x |"
                )
            lines.append("")
        if pairs:
            lines += [
                "| zone | year | first query | warm query | first ÷ warm |",
                "|---|---:|---:|---:|---:|",
            ]
            for (zone, year), (first, warm) in pairs.items():
                marks = "".join(
                    " ≠"
                    + self.note(
                        f"cronwall, first use of {zone} in {year} ({r.extra['state']}): "
                        f"{r.extra['difference']}"
                    )
                    for r in (first, warm)
                    if not r.agrees
                )
                lines.append(
                    f"| {zone} | {year} | {us(first.per_op)} | {us(warm.per_op)} "
                    f"| {first.per_op / warm.per_op:.2f}x{marks} |"
                )
            lines.append("")
        return lines

    def startup_table(self) -> list[str]:
        r = self.single("startup", "cronwall")
        if r is None:
            return ["(not run)"]
        cpu, wall = r.extra["cpu_median_s"], r.extra["wall_median_s"]
        bare = cpu["bare"]
        lines = [
            "| command | CPU ms (median) | CPU over bare | wall ms (median) |",
            "|---|---:|---:|---:|",
        ]
        for name, seconds in cpu.items():
            shown = "python -c pass" if name == "bare" else name
            lines.append(
                f"| `{shown}` | {seconds * 1e3:.1f} | {(seconds - bare) * 1e3:+.1f} "
                f"| {wall[name] * 1e3:.1f} |"
            )
        return lines

    # -- the rest -------------------------------------------------------------------------------

    def single(self, workload: str, lib: str) -> Result | None:
        matches = [r for r in self.results if r.workload == workload and r.lib == lib]
        return matches[0] if matches else None

    def single_row(self, title: str, workload: str) -> str:
        cw = self.single(workload, "cronwall")
        cells = [title]
        for lib in LIBS:
            r = self.single(workload, lib)
            if r is None:
                cells.append("—")
            elif cw is not None and lib != "cronwall":
                cells.append(f"{us(r.per_op)} ({times(r.per_op / cw.per_op)})")
            else:
                cells.append(us(r.per_op))
        return "| " + " | ".join(cells) + " |"

    def reject_text(self) -> list[str]:
        r = self.single("reject", "cronwall")
        if r is None:
            return []
        slowest = r.extra.get("slowest_median_s", 0.0)
        return [
            f"Rejecting invalid input (`benchmarks/bench_parse.py`, one text per rejection class "
            f"plus the worst cases near the 512-character limit): {us(r.per_op)} µs on average; "
            f"the slowest single text takes {us(slowest)} µs (median of 21), against the "
            "promised 1 ms.",
            "",
        ]

    def distance_table(self) -> tuple[list[str], dict[str, float]]:
        lines = [
            "| zone | next fire is | expression | "
            + " | ".join(TITLE[lib] for lib in LIBS)
            + " | cronwall ÷ its 5-minute case |",
            "|---|---|---|" + "---:|" * (len(LIBS) + 1),
        ]
        worst: dict[str, float] = {}
        for zone in workloads.ZONES:
            base = self.by.get(("distance", zone, "5 minutes", "cronwall"))
            for case in workloads.DISTANCE:
                cells = [zone, case.label, f"`{case.expression}`"]
                for lib in LIBS:
                    r = self.by.get(("distance", zone, case.label, lib))
                    if r is None:
                        cells.append("—")
                        continue
                    cell = us(r.per_op)
                    if not r.agrees:
                        cell += " ≠" + self.note(
                            f"{TITLE[lib]}, next_after {zone} {case.label} "
                            f"`{case.expression}`: {r.extra['difference']}"
                        )
                    cells.append(cell)
                cw = self.by.get(("distance", zone, case.label, "cronwall"))
                if cw is not None and base is not None:
                    factor = cw.per_op / base.per_op
                    worst[zone] = max(worst.get(zone, 0.0), factor)
                    cells.append(f"{factor:.2f}")
                else:
                    cells.append("—")
                lines.append("| " + " | ".join(cells) + " |")
        return lines, worst

    def bulk_table(self) -> list[str]:
        cw = self.single("bulk", "cronwall")
        lines = [
            "| library | µs per schedule | vs cronwall | peak B/schedule | retained B/schedule "
            "| beyond shared B/schedule | rounds | same fires as cronwall |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for lib in LIBS:
            r = self.single("bulk", lib)
            if r is None:
                continue
            e = r.extra
            marks = [
                self.note(f"{TITLE[lib]}, bulk, against {key[14:]}: {e[key]}")
                for key in ("difference_vs_cronwall", "difference_vs_oracle_sample")
                if key in e
            ]
            same = "no " + "".join(marks) if marks else "yes"
            ratio = times(r.per_op / cw.per_op) if cw and lib != "cronwall" else ""
            lines.append(
                f"| {TITLE[lib]} | {us(r.per_op)} | {ratio} | {e['peak_bytes']:,.0f} "
                f"| {e['retained_bytes']:,.0f} | {e['beyond_shared_bytes']:,.0f} "
                f"| {r.rounds} | {same} |"
            )
        return lines

    # -- targets -------------------------------------------------------------------------------

    def targets(self, worst: dict[str, float]) -> list[str]:
        if not self.has_cronwall:
            return ["cronwall was not importable when this was measured: peers only."]

        def mark(ok: bool) -> str:
            return "✅" if ok else "❌"

        lines = ["| target | measured | |", "|---|---|---|"]
        for zone in workloads.ZONES:
            for peer, goal in (("cronsim", 20), ("croniter", 50)):
                _, _, ratio, n = self.paired("single", zone, peer)
                if n:
                    lines.append(
                        f"| one next_after, {zone}: ≥{goal}x faster than {peer} (geomean) "
                        f"| {times(ratio)} over {n} expressions | {mark(ratio >= goal)} |"
                    )
            floor = self.floor_factor(zone)
            if not math.isnan(floor):
                lines.append(
                    f"| one next_after, {zone}: within 2x of the CPython floor (geomean) "
                    f"| {floor:.2f}x the floor | {mark(floor <= 2)} |"
                )
        for zone in workloads.ZONES:
            for peer, goal in ITERATION_GOALS[zone].items():
                _, _, ratio, n = self.paired("next", zone, peer)
                if n:
                    lines.append(
                        f"| iteration (next fire), {zone}: ≥{goal}x faster than {peer}, the "
                        f"previous round's ratio (geomean) | {times(ratio)} over {n} expressions "
                        f"| {mark(ratio >= goal)} |"
                    )
        for zone in workloads.ZONES:
            cw_first = self.by.get(("first_query", zone, "", "cronwall"))
            cs_first = self.by.get(("first_query", zone, "", "cronsim"))
            if cw_first and cs_first:
                ratio = cs_first.per_op / cw_first.per_op
                lines.append(
                    f"| parse + first next_after of a never-seen expression, {zone}: ≥5x "
                    f"faster than cronsim's constructor + first next | {times(ratio)} "
                    f"| {mark(ratio >= 5)} |"
                )
        cw = self.single("parse_cold", "cronwall")
        for peer, goal in (("cronsim", 5), ("croniter", 15)):
            r = self.single("parse_cold", peer)
            if cw and r:
                ratio = r.per_op / cw.per_op
                lines.append(
                    f"| cold parse: ≥{goal}x faster than {peer} | {times(ratio)} "
                    f"| {mark(ratio >= goal)} |"
                )
        for zone, factor in worst.items():
            lines.append(
                f"| distance scaling, {zone}: slowest ≤ 3x the every-5-minutes case "
                f"| {factor:.2f}x | {mark(factor <= 3)} |"
            )
        pairs, differing = self.zone_first_use()
        ratios = {
            key: first.per_op / warm.per_op
            for key, (first, warm) in pairs.items()
            if first.agrees and warm.agrees
        }
        if ratios:
            (zone, year), ratio = max(ratios.items(), key=lambda item: item[1])
            left_out = f"; {len(differing)} left out (≠)" if differing else ""
            lines.append(
                "| first query in a freshly loaded zone ≤ 5x a warm query (worst over zones "
                f"and years) | {ratio:.2f}x ({zone}, {year}; {len(ratios)} cases{left_out}) "
                f"| {mark(ratio <= 5)} |"
            )
        loads = self.zone_loads()
        if loads:
            zone, (cw, zi) = max(
                loads.items(), key=lambda item: item[1][0].per_op / item[1][1].per_op
            )
            ratio = cw.per_op / zi.per_op
            lines.append(
                "| loading a zone ≤ 5x ZoneInfo.from_file (worst over zones) "
                f"| {ratio:.2f}x ({zone}; {len(loads)} zones) | {mark(ratio <= 5)} |"
            )
        startup = self.single("startup", "cronwall")
        if startup:
            cpu = startup.extra["cpu_median_s"]
            bare = cpu["bare"]
            ratio = (cpu["import cronwall"] - bare) / (cpu["import cronsim"] - bare)
            lines.append(
                "| `import cronwall`: ≤ 1.5x the CPU of `import cronsim`, over a bare "
                f"interpreter | {ratio:.2f}x | {mark(ratio <= 1.5)} |"
            )
            for zone in workloads.ZONES:
                cli = cpu.get(f"cli next {zone}")
                if cli is not None:
                    lines.append(
                        f"| CLI `next` ({zone}): < 2x the CPU of a bare `python -c pass` "
                        f"| {cli / bare:.2f}x | {mark(cli < 2 * bare)} |"
                    )
        memory = self.single("memory", "cronwall")
        if memory:
            b = memory.extra["per_schedule_bytes"]
            lines.append(
                f"| ≤ 400 bytes per compiled schedule after its first query, over "
                f"{memory.extra['distinct']:,} distinct expressions (caches included) "
                f"| {b:,.0f} B | {mark(b <= 400)} |"
            )
        bulk = self.single("bulk", "cronwall")
        if bulk:
            b = bulk.extra["beyond_shared_bytes"]
            lines.append(
                f"| ≤ 400 bytes per compiled schedule beyond shared | {b:,.0f} B "
                f"(retained incl. shared caches: {bulk.extra['retained_bytes']:,.0f} B) "
                f"| {mark(b <= 400)} |"
            )
        return lines

    # -- document ------------------------------------------------------------------------------

    def machine(self) -> list[str]:
        info = self.data["machine_info"].get("cronwall_bench", {})
        libs = info.get("libraries", {})
        apis = info.get("apis", {})
        load_start = ", ".join(f"{x:.2f}" for x in info.get("loadavg_start", ()))
        load_end = ", ".join(f"{x:.2f}" for x in info.get("loadavg_end", ()))
        lines = [
            f"- CPU: {info.get('cpu_model')} — nproc {info.get('nproc')}",
            f"- Python: {info.get('python')} on {info.get('platform')}",
            f"- Load average (1, 5, 15 min) at start: {load_start}; at end: {load_end}",
            f"- tzdata {info.get('tzdata')}; run {self.data.get('datetime', '?')[:19]} UTC",
            "",
            "| library | version | calls timed |",
            "|---|---|---|",
        ]
        for lib in LIBS:
            lines.append(f"| {TITLE[lib]} | {libs.get(lib) or 'not installed'} | {apis.get(lib)} |")
        return lines

    def render(self) -> str:
        distance, worst = self.distance_table()
        bulk = self.bulk_table()
        sections: list[str] = [
            "# Performance",
            "",
            "cronwall against cronsim, croniter and APScheduler 3's CronTrigger on identical "
            "work: the same expressions, zones and start instants for every library, and every "
            "library's answers checked against a brute-force reference before it is timed. "
            "Times are medians per operation in microseconds; `(12.0x)` means the peer takes "
            "12 times as long as cronwall. Generated by `benchmarks/report.py` — do not edit "
            "by hand. Reproduce (about 10 minutes, from the repository root):",
            "",
            "```sh",
            COMMAND,
            "```",
            "",
            *self.busy_warning(),
            "## Targets",
            "",
            *self.targets(worst),
            "",
            "## Summary",
            "",
            "| workload (µs per operation) | " + " | ".join(TITLE[lib] for lib in LIBS) + " |",
            "|---|" + "---:|" * len(LIBS),
            self.single_row("cold parse (per expression)", "parse_cold"),
            self.single_row("warm parse (same text again)", "parse_warm"),
            self.single_row("reject an invalid or hostile text (mean of 19)", "reject"),
        ]
        for workload, title in (("next", "next fire"), ("prev", "previous fire")):
            for zone in workloads.ZONES:
                cells = [f"{title}, {zone} (geomean per fire)"]
                for lib in LIBS:
                    if lib == "cronwall" or not self.has_cronwall:
                        value, n = self.own_geomean(workload, zone, lib)
                        cells.append(us(value) if n else "—")
                    else:
                        _, peer, ratio, n = self.paired(workload, zone, lib)
                        cells.append(f"{us(peer)} ({times(ratio)})" if n else "—")
                sections.append("| " + " | ".join(cells) + " |")
        for zone in workloads.ZONES:
            cells = [f"one next_after from a fresh start, {zone} (geomean per query)"]
            for lib in LIBS:
                if lib == "cronwall" or not self.has_cronwall:
                    value, n = self.own_geomean("single", zone, lib)
                    cells.append(us(value) if n else "—")
                else:
                    _, peer, ratio, n = self.paired("single", zone, lib)
                    cells.append(f"{us(peer)} ({times(ratio)})" if n else "—")
            sections.append("| " + " | ".join(cells) + " |")
        sections.append(self.single_row("bulk: build + next fire (per schedule)", "bulk"))
        sections += [
            "",
            "Peer geometric means and ratios cover the expressions where that peer's fires "
            "equal cronwall's (see the per-expression tables); APScheduler 3 has no reverse "
            "iteration.",
            "",
            *self.reject_text(),
            "## One next_after from a fresh start",
            "",
            "The call a scheduler or a request handler makes most: one `next_after(t)`, no "
            "iterator state. 32 instants over 2026 in random order, the same for every library, "
            "one independent query each (µs per query). cronwall keeps one `Schedule` (as a "
            "caller does) and is given UTC datetimes; cronsim gets a fresh `CronSim` per query "
            "(it has no reusable object), croniter one reused object through "
            "`get_next(start_time=t)`, APScheduler 3 its trigger, all three local datetimes in "
            "the zone (they compute in the zone of their input). The *floor* is the least work "
            "any pure-Python answer does: a method call that reads the input, looks the offset "
            "up in the zone's sorted transition list (not in UTC), makes one bit jump and builds "
            "the aware UTC output, each the cheapest way we know: the output from the input's "
            "date and a tabled time of day, half the cost of `datetime.fromtimestamp`, which "
            "earlier reports' floor used (`Floor` in `benchmarks/bench_single.py`).",
            "",
        ]
        for zone in workloads.ZONES:
            sections += [f"### {zone}", "", *self.single_table(zone), ""]
        sections += [
            "## First query of a never-seen expression",
            "",
            "Parse plus the first `next_after` of 2,000 never-seen expressions per round "
            "(cronwall's parse caches cleared before each round), against cronsim's "
            "constructor plus its first `next` (µs per expression, median of 5 rounds). "
            "Answers are checked on the first 200 expressions of the check slice; where cronsim "
            "differs it is its DST policy for a fixed wall time in New York's spring-forward "
            "gap (see *Where the libraries differ*), a sliver of the work, so the ratio stands.",
            "",
            *self.first_query_table(),
            "",
            *self.zone_first_use_text(),
            "## Start-up",
            "",
            "Each command in a fresh interpreter (`benchmarks/bench_startup.py`), the commands "
            "taking turns round after round; CPU time (user + system) from the children's "
            "resource usage, bytecode cached as for an installed package. `cli next` is "
            "`python -m cronwall next '*/5 * * * *' -n 1`: the command reads the common forms of "
            "`next` with a small table and answers with the engine alone, without argparse, json "
            "or typing (`src/cronwall/_fast_cli.py`; everything else goes to the full CLI).",
            "",
            *self.startup_table(),
            "",
            *self.memory_text(),
            *self.limits_text(),
            "## Next fire: 1,000 fires per expression",
            "",
            f"![next-fire cost by library]({CHART})",
            "",
        ]
        for zone in workloads.ZONES:
            sections += [f"### {zone}", "", *self.series_table("next", zone), ""]
        sections += ["## Previous fire: 1,000 fires per expression (leap day: 300)", ""]
        for zone in workloads.ZONES:
            sections += [f"### {zone}", "", *self.series_table("prev", zone), ""]
        sections += [
            "## Distance scaling: one next_after(t)",
            "",
            "t is itself a fire, so the answer is one period away. cronsim has no reusable "
            "schedule object, so its time includes parsing.",
            "",
            *distance,
            "",
            "## Bulk: 100,000 schedules",
            "",
            self.bulk_text(),
            "",
            *bulk,
            "",
            "## Where the libraries differ",
            "",
            "Cases marked ≠ were timed but are left out of every mean and ratio. Two kinds of "
            "difference show up. *Policy*: for a wall time in New York's spring-forward gap "
            "croniter fires at the first minute after the gap, APScheduler an hour later than "
            "the wall time (cronsim, Debian-cron style, does as croniter for fixed-time jobs), "
            "where cronwall's literal rule says a gap time never fires; in the bulk fleet these "
            "are the "
            "fixed-time schedules at 02:xx on 2026-03-08. *APScheduler 3 arithmetic*: after a "
            "spring-forward it adds wall-clock "
            "differences as UTC durations, lands an hour late and skips the next day or month "
            "(`0 0 * * *`, `0 0 1 * *` in New York; the bulk fleet's other zones too). In the "
            "bulk table the peers are still timed on the whole fleet: the differing schedules "
            "are a small share of the work.",
            "",
            *[f"{i}. {text}" for i, text in enumerate(self.notes, 1)],
            "",
            "## Method",
            "",
            *METHOD,
            "",
            "## Machine",
            "",
            *self.machine(),
            "",
        ]
        return "\n".join(sections)

    def busy_warning(self) -> list[str]:
        info = self.data["machine_info"].get("cronwall_bench", {})
        nproc = info.get("nproc") or 1
        load = max([*info.get("loadavg_start", ()), *info.get("loadavg_end", ()), 0.0])
        # The benchmark keeps one CPU busy itself; warn when others took half a CPU more.
        if load <= 1.5 or load <= 0.5 * nproc:
            return []
        return [
            f"> **Busy machine**: the load average reached {load:.1f} on {nproc} CPUs during "
            "this run (other processes were running), so absolute times are inflated and "
            "ratios noisier than usual. Re-run the command above on a quiet machine.",
            "",
        ]

    def limits_text(self) -> list[str]:
        """What the floor and the start-up figures say about the targets pure Python can reach."""
        lines = []
        for zone in workloads.ZONES:
            rows = [
                row
                for row in self.series("single", zone).values()
                if {"cronwall", "floor"} <= row.keys()
            ]
            if not rows:
                continue
            for peer, goal in (("cronsim", 20), ("croniter", 50)):
                pairs = [row for row in rows if peer in row and row[peer].agrees]
                if not pairs:
                    continue
                at_floor = geomean(row[peer].per_op / row["floor"].per_op for row in pairs)
                below = sum(row[peer].per_op / goal < row["floor"].per_op for row in pairs)
                reach = (
                    f"for {below} of {len(pairs)} expressions {peer}'s time ÷ {goal} is below "
                    f"the floor itself, so {goal}x there is out of reach of any pure-Python "
                    "answer"
                    if below
                    else f"{peer}'s time ÷ {goal} is above the floor for every expression"
                )
                lines.append(
                    f"- One next_after in {zone} against {peer}: a library answering *at the "
                    f"floor* would be {times(at_floor)} faster (geomean); cronwall is "
                    f"{self.floor_factor(zone):.2f}x the floor; {reach}; "
                    f"{goal}x on the geometric mean needs cronwall within "
                    f"{at_floor / goal:.2f}x of the floor, which does no calendar work at all "
                    "(one bit jump, no day, month or year step)."
                )
        startup = self.single("startup", "cronwall")
        if startup:
            cpu = startup.extra["cpu_median_s"]
            bare = cpu["bare"]
            modules = cpu.get("import argparse, datetime, typing")
            floor = cpu.get("import runpy, datetime, bisect, struct")
            cli = cpu.get("cli next America/New_York")
            if modules is not None and floor is not None and cli is not None:
                lines.append(
                    f"- The CLI: a bare interpreter takes {bare * 1e3:.1f} ms of CPU. Importing "
                    "the standard modules an argparse CLI with run-time type hints is built on "
                    f"(argparse, datetime, typing) takes {modules * 1e3:.1f} ms, "
                    f"{modules / bare:.2f}x the bare interpreter before any of its own code runs, "
                    "so `cronwall next` does not go through argparse. Its floor is what `-m` and "
                    f"the engine's standard modules cost (runpy, datetime, bisect, struct): "
                    f"{floor * 1e3:.1f} ms, {floor / bare:.2f}x; cronwall's own modules, the "
                    f"zone data and the answer bring it to {cli * 1e3:.1f} ms, {cli / bare:.2f}x "
                    "(America/New_York)."
                )
        if not lines:
            return []
        return ["## What pure Python allows", "", *lines, ""]

    def memory_text(self) -> list[str]:
        r = self.single("memory", "cronwall")
        if r is None:
            return []
        e = r.extra
        return [
            "## Memory per compiled schedule",
            "",
            f"{e['distinct']:,} distinct expressions, each built into a `Schedule` in "
            "America/New_York, asked for one `next_after` and kept (`benchmarks/"
            "bench_memory.py`, tracemalloc, caches empty at the start): "
            f"**{e['per_schedule_bytes']:,.0f} bytes per schedule**, the bounded caches "
            f"included. Once the schedules are dropped the caches still hold "
            f"{e['caches_bytes'] / 1e6:.1f} MB; every cache has a size limit "
            "(`docs/semantics.md` lists them), and `tests/test_memory.py` checks that at their "
            "fullest they stay under a fixed ceiling (3.9-4.1 MB measured on CPython 3.10, 3.11 "
            "and 3.13; the test's ceiling is 8 MB).",
            "",
        ]

    def bulk_text(self) -> str:
        r = next((r for r in self.results if r.workload == "bulk"), None)
        if r is None:
            return "(not run)"
        e = r.extra
        return (
            f"Build {e['ops']:,} schedules ({e['distinct_expressions']:,} distinct expressions, "
            f"{len(workloads.BULK_ZONES)} zones, {e['distinct_schedules']:,} distinct pairs) and "
            "compute each one's next fire after 2026-03-07T20:00Z; parse caches are cleared "
            "before every round. Memory is traced with tracemalloc over the first "
            f"{e['memory_sample']:,} schedules: *peak* while building them and computing their "
            "fires, *retained* by the schedule objects afterwards (shared caches included), "
            "*beyond shared* for a second such fleet built while caches are warm."
        )

    # -- chart ---------------------------------------------------------------------------------

    def chart(self, path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        expressions = [case.expression for case in workloads.MIX]
        fig, axes = plt.subplots(1, len(workloads.ZONES), figsize=(13, 9), sharey=True)
        colors = {"cronwall": "#d62728", "cronsim": "#1f77b4", "croniter": "#ff7f0e"}
        colors["apscheduler"] = "#2ca02c"
        height = 0.8 / len(LIBS)
        for ax, zone in zip(axes, workloads.ZONES, strict=True):
            table = self.series("next", zone)
            for i, lib in enumerate(LIBS):
                ys, xs = [], []
                for row_index, expression in enumerate(["geomean", *expressions]):
                    if expression == "geomean":
                        value, n = self.own_geomean("next", zone, lib)
                        if not n:
                            continue
                    else:
                        r = table.get(expression, {}).get(lib)
                        if r is None or not r.agrees:
                            continue
                        value = r.per_op
                    ys.append(row_index + i * height)
                    xs.append(value * 1e6)
                ax.barh(ys, xs, height=height, color=colors[lib], label=TITLE[lib])
            ax.set_xscale("log")
            ax.set_title(f"next fire, {zone}")
            ax.set_xlabel(
                "µs per fire, median, log scale. No bar: absent or different answers.\n"
                "*over the expressions where that library's fires are right"
            )
            ax.grid(axis="x", which="both", alpha=0.3)
        axes[0].set_yticks([i + 0.3 for i in range(len(expressions) + 1)])
        axes[0].set_yticklabels(["geometric mean*", *expressions], fontfamily="monospace")
        axes[0].invert_yaxis()
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=len(LIBS), frameon=False)
        fig.tight_layout(rect=(0, 0, 1, 0.96))
        fig.savefig(path, dpi=110)
        plt.close(fig)


#: The iteration ratios of the previous report, which this round must keep (geomean).
ITERATION_GOALS = {
    "UTC": {"cronsim": 32.7, "croniter": 86.7},
    "America/New_York": {"cronsim": 30.3, "croniter": 70.9},
}

METHOD = [
    "- Inputs: `benchmarks/workloads.py` (the 21-expression mix, zones, start instants, the "
    "expression generator, the bulk fleet) — identical for all libraries. APScheduler 3 gets "
    "the same schedule with named weekdays, since it numbers weekdays from Monday = 0.",
    "- Each library through its idiomatic fast API (table below); UTC is "
    '`datetime.timezone.utc` for the peers (their fast path) and `"UTC"` for cronwall; '
    "other zones are the tzdata package's rules for every library.",
    "- Before timing, every case's answer is compared with `benchmarks/oracle.py`, a "
    "day-by-day wall-clock scan that states cronwall's rules directly; `benchmarks/verify.py` "
    "prints the same comparison without timing. Next and previous fires start where 1,000 "
    "fires of the dense expressions cross New York's spring-forward gap (forwards from "
    "2026-03-07T20:00Z) and fall-back fold (backwards from 2026-11-01T20:00Z). The mix has no "
    "fixed wall time between 01:00 and 03:00: all three peers move such a time out of "
    "the gap (APScheduler shifts it by the gap's length) and cronsim fires it once in the "
    "fold, by design, which is different work.",
    "- One next_after: the 21 expressions x 2 zones x 32 instants of "
    "`benchmarks/bench_single.py`, each library's answers checked against the reference for "
    "every instant; the floor and every library are timed in the same session, case after "
    "case, and the ratios are geometric means over the expressions of per-expression ratios "
    "of medians.",
    "- The machine is shared: other processes ran during the measurement (see Machine), "
    "which inflates absolute times and adds noise to ratios; compare figures within one run. "
    "While fast cases were timed for 20 rounds (about a millisecond for one of cronwall's "
    "single-query cases), the same code's single-query ratios moved by up to 10% between runs; "
    "with every case timed for about 0.25 s, two consecutive runs agreed within 1% on each "
    "single-query ratio. Treat a target within a few percent of its bound as met or missed "
    "by noise.",
    "- Timing: the checked run doubles as warm-up and calibration; then 3-2,000 rounds, so "
    "that every case, fast or slow, is timed for about 0.25 s in all; pytest-benchmark's "
    "median divided by the operations per round. Cold parse "
    "gives every round 2,000 never-seen expressions (5 rounds, cronwall's parse cache cleared "
    "too); distance cases use pytest-benchmark's own calibration. The garbage collector "
    "stays on, as in a real process: cronwall's cold parse keeps every compiled value alive "
    "in its cache, and the collector's work on them is part of its cost.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", type=Path, nargs="?", default=ROOT / ".benchmarks/cronwall.json")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/performance.md")
    args = parser.parse_args()
    results, data = load(args.json)
    report = Report(results, data)
    text = report.render()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    report.chart(args.out.parent / CHART)
    print(f"wrote {args.out} and {args.out.parent / CHART}")


if __name__ == "__main__":
    main()
