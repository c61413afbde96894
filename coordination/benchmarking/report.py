"""The targets of issue 12 applied to measured figures, growth between sizes, and the Markdown report."""

from coordination.benchmarking.subjects import MAX_RATIO

LOAD_MIN_RPS = 100.0
LOAD_MAX_P99_MS = 150.0
# Pages are flat in data size (issue 12: 1.0–1.1× from 1 000 to 50 000 youths); flag clear growth.
MAX_GROWTH = 1.5


def _over(value: float, limit: float, unit: str) -> str:
    excess = f"{value - limit:.1f}{unit} ({value / limit - 1:.0%})"
    return f"{value:.1f}{unit} against ≤ {limit:g}{unit}: {excess} over"


def page_misses(page: dict) -> list[str]:
    """Every target a measured page misses, each saying by how much."""
    misses = []
    if page["status"] != 200 or page.get("failures"):
        misses.append(f"answered {page['status']} ({page.get('failures', 0)} timed requests not 200)")
    if page.get("p95_target_ms") and page["p95_ms"] > page["p95_target_ms"]:
        misses.append("p95 " + _over(page["p95_ms"], page["p95_target_ms"], " ms"))
    if page.get("ratio") is not None and page["ratio"] > MAX_RATIO:
        misses.append("page ÷ raw replay " + _over(page["ratio"], MAX_RATIO, "×"))
    if page.get("replay_error"):
        misses.append(f"the replay failed: {page['replay_error']}")
    if page.get("max_queries") and page["queries"] > page["max_queries"]:
        misses.append(f"{page['queries']} queries against ≤ {page['max_queries']}")
    return misses


def load_misses(run: dict) -> list[str]:
    misses = []
    if run["requests_per_s"] < LOAD_MIN_RPS:
        shortfall = LOAD_MIN_RPS - run["requests_per_s"]
        misses.append(f"{run['requests_per_s']:.1f} req/s against ≥ {LOAD_MIN_RPS:g}: {shortfall:.1f} short")
    if run["p99_ms"] > LOAD_MAX_P99_MS:
        misses.append("p99 " + _over(run["p99_ms"], LOAD_MAX_P99_MS, " ms"))
    if run["errors"]:
        misses.append(
            f"{run['errors']} errors ({run['non_2xx_3xx']} not 2xx/3xx, {run['timeouts']} timeouts)"
        )
    return misses


def growth(small: dict, large: dict) -> list[dict]:
    """Page by page (same key), how the large size compares with the small one."""
    by_key = {page["key"]: page for page in small["pages"]}
    rows = []
    for page in large["pages"]:
        before = by_key.get(page["key"])
        if before is None:
            continue
        rows.append(
            {
                "key": page["key"],
                "p50_growth": round(page["p50_ms"] / before["p50_ms"], 2) if before["p50_ms"] else None,
                "p95_growth": round(page["p95_ms"] / before["p95_ms"], 2) if before["p95_ms"] else None,
                "queries_small": before["queries"],
                "queries_large": page["queries"],
            }
        )
    return rows


def _fmt(value, spec: str = ".1f") -> str:
    return "–" if value is None else format(value, spec)


def _page_table(size: dict) -> list[str]:
    lines = [
        "| page | who | p50 ms | p95 ms | target p95 | queries | replay p50 ms | page ÷ replay | status |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page in size["pages"]:
        lines.append(
            f"| {page['key']} | {page['who']} | {page['p50_ms']:.1f} | {page['p95_ms']:.1f} "
            f"| {_fmt(page.get('p95_target_ms'), 'g')} | {page['queries']} "
            f"| {_fmt(page.get('replay_p50_ms'), '.2f')} "
            f"| {_fmt(page.get('ratio'))}× | {'ok' if not page_misses(page) else 'missed'} |"
        )
    return lines


def _profile_lines(profile: dict) -> list[str]:
    lines = [
        f"Profile of `{profile['url']}` ({profile['requests']} requests, {profile['ms_per_request']} ms each "
        "under the profiler; buckets overlap where one runs inside another):",
        "",
    ]
    lines += [f"- {label}: {value} ms" for label, value in profile["buckets_ms"].items()]
    lines += ["", "| own ms | cumulative ms | calls | function |", "|---|---|---|---|"]
    for row in profile["top_by_own_time"][:12]:
        lines.append(f"| {row['own_ms']} | {row['cumulative_ms']} | {row['calls']} | `{row['function']}` |")
    return lines


def markdown(report: dict) -> str:
    lines = ["# Page benchmark (issue 12)", "", f"Run at {report['started']} on {report['machine']}.", ""]
    lines += [f"Command: `{report['command']}`", ""]
    for size in report["sizes"]:
        lines += [f"## {size['youths']} youths", ""]
        if size.get("seeded_in_s") is not None:
            lines += [f"Seeded in {size['seeded_in_s']:.1f} s.", ""]
        lines += [f"- {who}: {text}" for who, text in size["subjects"].items()] + [""]
        lines += [*_page_table(size), ""]
    if report.get("growth"):
        lines += [f"## Growth from {report['growth']['from']} to {report['growth']['to']} youths", ""]
        lines += ["| page | p50 × | p95 × | queries |", "|---|---|---|---|"]
        for row in report["growth"]["pages"]:
            queries = f"{row['queries_small']} → {row['queries_large']}"
            lines.append(
                f"| {row['key']} | {_fmt(row['p50_growth'], '.2f')} "
                f"| {_fmt(row['p95_growth'], '.2f')} | {queries} |"
            )
        lines.append("")
    if report.get("load"):
        load = report["load"]
        lines += [f"## Load ({load['youths']} youths; {load['setup']})", ""]
        if load.get("error"):
            lines += [f"Not run: {load['error']}", ""]
        lines += [
            "| page | req/s | p50 ms | p99 ms | max ms | requests | errors |",
            "|---|---|---|---|---|---|---|",
        ]
        for run in load.get("runs", []):
            lines.append(
                f"| {run['key']} | {run['requests_per_s']:.1f} | {run['p50_ms']:.1f} | {run['p99_ms']:.1f} "
                f"| {run['max_ms']:.1f} | {run['requests']} | {run['errors']} |"
            )
        lines.append("")
    lines += ["## Missed targets", ""]
    if report["misses"]:
        lines += [f"- {miss}" for miss in report["misses"]]
    else:
        lines.append("None.")
    lines.append("")
    for profile in report.get("profiles", []):
        lines += [*_profile_lines(profile), ""]
    return "\n".join(lines)


def all_misses(report: dict) -> list[str]:
    misses = []
    for size in report["sizes"]:
        for page in size["pages"]:
            misses += [f"{size['youths']} youths, {page['key']}: {miss}" for miss in page_misses(page)]
    for run in (report.get("load") or {}).get("runs", []):
        misses += [f"load, {run['key']}: {miss}" for miss in load_misses(run)]
    if (report.get("load") or {}).get("error"):
        misses.append(f"load test not run: {report['load']['error']}")
    for row in (report.get("growth") or {}).get("pages", []):
        if row["p50_growth"] is not None and row["p50_growth"] > MAX_GROWTH:
            grown = f"p50 {row['p50_growth']:.2f}× the smaller size's (≤ {MAX_GROWTH}×)"
            misses.append(f"growth, {row['key']}: {grown}")
        if row["queries_large"] > row["queries_small"]:
            misses.append(
                f"growth, {row['key']}: queries grow with the data "
                f"({row['queries_small']} → {row['queries_large']})"
            )
    return misses
