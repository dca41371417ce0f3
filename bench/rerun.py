"""Re-running ``analyze`` on a story whose inputs did not change: the dossier is reused,
not rebuilt. Compares, in the same run, with a forced rebuild of the same story's dossier
from the same stored, analysed articles (what every re-run of ``analyze`` used to cost).

    python bench/rerun.py [--incidents 7]

The story is the raw scraped reports of the first N Gun Violence Archive incidents in
``../shared/data/stories-dev/gva`` (about 5.5 reports each). Each step is a fresh
``python -m newsdesk`` process, as a user runs it; the store is a SQLite file under
``.bench/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GVA = ROOT.parent / "shared" / "data" / "stories-dev" / "gva"


def newsdesk(*args: str) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsdesk", *args, "--json"], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"newsdesk {' '.join(args)} failed: {done.stderr.strip()}")
    return took, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=7)
    args = parser.parse_args()
    work = ROOT / ".bench" / "rerun"
    shutil.rmtree(work, ignore_errors=True)
    (work / "in").mkdir(parents=True)
    for incident in sorted(p for p in GVA.iterdir() if p.is_dir())[: args.incidents]:
        shutil.copy(incident / "reports.jsonl", work / "in" / f"{incident.name}.jsonl")
    db = f"sqlite:///{work / 'n.db'}"
    common = ["--db", db, "--story", "bench", "--out", str(work / "out")]

    first, made = newsdesk("analyze", str(work / "in"), *common)
    again, reused = newsdesk("analyze", str(work / "in"), *common)
    forced, _ = newsdesk("dossier", *made["articles"], "--db", db, "--out", str(work / "forced"))
    _, _ = newsdesk("reanalyze", made["articles"][0], "--db", db)
    after, rebuilt = newsdesk("analyze", str(work / "in"), *common)
    print(f"story: {len(made['articles'])} reports from {args.incidents} GVA incidents")
    print(f"first analyze (ingest, analysis, dossier): {first:.1f} s")
    print(f"analyze again, nothing new: {again:.1f} s (rebuilt: {reused['rebuilt']})")
    print(f"forced rebuild of the same dossier (baseline): {forced:.1f} s")
    print(f"ratio re-run / forced rebuild: {again / forced:.2f}x")
    print(f"analyze after reanalyze of one article: {after:.1f} s (rebuilt: {rebuilt['rebuilt']})")


if __name__ == "__main__":
    main()
