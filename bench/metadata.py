"""Metadata and main text on real pages with gold (../shared/data/metadata): newsdesk
against bare htmldate and bare trafilatura, measured in the same run.

    python bench/metadata.py [--data DIR] [--limit N] [--split even|odd|all] [--set NAME] [--dump OUT.jsonl]

Pages of both sets (htmldate's Media Cloud set, trafilatura's evaluation set) are sorted
by (set, file); pages whose index is even are the tuning half, odd the report half; both
halves are printed. Every tool gets only the page bytes/HTML string, no URL (as the
folder's ``anchors.py`` does). Scoring follows ``anchors.py``:

- date: exact day over pages with a non-empty gold date, per set;
- author (trafilatura-eval): gold lists joined with "; "; exact = equal after whitespace
  normalisation; partial = at least one shared name token (case-folded words of 2+ letters);
- title: exact = equal after whitespace normalisation;
- text: share of the "with" snippets found in the main text and share of the "without"
  snippets absent from it (NFKC, case folding, whitespace normalised).

The bare tools' answers are cached in ``.bench/metadata-baselines.jsonl`` (keyed by the
page's sha1 and the tools' versions); newsdesk runs every time. A page newsdesk rejects
(``InputError``) counts as a miss on every field.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdesk.clean import clean_report  # noqa: E402
from newsdesk.errors import NewsdeskError  # noqa: E402
from newsdesk.model import Report  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "metadata"
CACHE = ROOT / ".bench" / "metadata-baselines.jsonl"
SETS = ("htmldate-mediacloud", "trafilatura-eval")


def decode(data: bytes) -> str:
    """The HTML string the bare tools get: UTF-8, else charset_normalizer's best guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("latin-1")


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def loose(s: str | None) -> str:
    return norm(unicodedata.normalize("NFKC", (s or "").replace("\u00ad", "")).casefold())


def day(s: object) -> str | None:
    m = re.match(r"(\d{4})-(\d{1,2})[-.](\d{1,2})", str(s or ""))
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def toks(s: str | None) -> set[str]:
    return set(re.findall(r"[^\W\d_]{2,}", (s or "").casefold()))


def load(data: Path) -> list[dict]:
    pages = []
    for name in SETS:
        for g in json.loads((data / name / "gold.json").read_text(encoding="utf-8")):
            author = g.get("author")
            pages.append({"set": name, "file": g["file"], "sha1": g["sha1"], "path": data / name / g["file"],
                          "date": day(g.get("date")) if isinstance(g.get("date"), str) else None,
                          "author": "; ".join(author) if isinstance(author, list) else (author or ""),
                          "title": g.get("title") or "", "with": g.get("with") or [],
                          "without": g.get("without") or []})
    pages.sort(key=lambda p: (p["set"], p["file"]))
    for i, p in enumerate(pages):
        p["half"] = "even" if i % 2 == 0 else "odd"
    return pages


def baselines(pages: list[dict]) -> dict[str, dict]:
    """Bare htmldate and bare trafilatura answers per page (cached)."""
    import htmldate
    import trafilatura
    from htmldate import find_date

    version = f"htmldate {htmldate.__version__}, trafilatura {trafilatura.__version__}"
    cached: dict[str, dict] = {}
    if CACHE.exists():
        for line in CACHE.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("version") == version:
                cached[row["sha1"]] = row
    CACHE.parent.mkdir(exist_ok=True)
    with CACHE.open("a", encoding="utf-8") as out:
        for p in pages:
            if p["sha1"] in cached:
                continue
            html = decode(gzip.decompress(p["path"].read_bytes()))
            row: dict = {"sha1": p["sha1"], "version": version}
            for ext in (True, False):
                try:
                    row[f"htmldate_ext{int(ext)}"] = find_date(html, extensive_search=ext, original_date=True)
                except Exception:  # a crash counts as a miss
                    row[f"htmldate_ext{int(ext)}"] = None
            try:
                doc = trafilatura.bare_extraction(html, with_metadata=True)
            except Exception:
                doc = None
            row["trafilatura"] = ({k: getattr(doc, k, None) for k in ("date", "author", "title", "text")}
                                  if doc is not None else {})
            cached[p["sha1"]] = row
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return cached


def run_newsdesk(pages: list[dict]) -> tuple[dict[str, dict], float]:
    settings = Settings()
    out: dict[str, dict] = {}
    t0 = time.perf_counter()
    for p in pages:
        try:
            a = clean_report(Report(p["file"], gzip.decompress(p["path"].read_bytes()), "html", {}), settings)
            out[p["sha1"]] = {"date": a.published.date().isoformat() if a.published else None,
                              "author": "; ".join(a.authors), "title": a.title, "text": a.text}
        except NewsdeskError:
            out[p["sha1"]] = {}
    return out, time.perf_counter() - t0


def score(pages: list[dict], answers: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """Field -> (correct, n) for one system's answers."""
    res: dict[str, list[int]] = {}

    def add(key: str, ok: bool) -> None:
        res.setdefault(key, [0, 0])
        res[key][0] += int(ok)
        res[key][1] += 1

    for p in pages:
        a = answers.get(p["sha1"], {})
        short = "mediacloud" if p["set"].startswith("htmldate") else "trafilatura-eval"
        if p["date"]:
            add(f"date {short}", day(a.get("date")) == p["date"])
        if p["set"] != "trafilatura-eval":
            continue
        if p["author"]:
            add("author exact", norm(a.get("author")) == norm(p["author"]))
            add("author partial", bool(toks(a.get("author")) & toks(p["author"])))
        if p["title"]:
            add("title exact", norm(a.get("title")) == norm(p["title"]))
        text = loose(a.get("text"))
        for snippet in p["with"]:
            add("text with-snippets found", loose(snippet) in text)
        for snippet in p["without"]:
            add("text without-snippets absent", loose(snippet) not in text)
    return {k: (v[0], v[1]) for k, v in res.items()}


FIELDS = ["date mediacloud", "date trafilatura-eval", "author exact", "author partial", "title exact",
          "text with-snippets found", "text without-snippets absent"]


def table(title: str, pages: list[dict], systems: dict[str, dict[str, dict]]) -> None:
    scores = {name: score(pages, ans) for name, ans in systems.items()}
    print(f"\n{title} ({len(pages)} pages)")
    print(f"{'field':30s} {'n':>5s} " + " ".join(f"{name:>22s}" for name in systems))
    for field in FIELDS:
        n = next((s[field][1] for s in scores.values() if field in s), 0)
        if not n:
            continue
        cells = []
        for name in systems:
            ok, _ = scores[name].get(field, (0, n))
            answers = name == "newsdesk" or name.startswith("trafilatura") or field.startswith("date")
            cells.append(f"{ok / n:22.3f}" if answers else f"{'-':>22s}")
        print(f"{field:30s} {n:5d} " + " ".join(cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="first N pages of each half")
    ap.add_argument("--split", choices=("even", "odd", "all"), default="all")
    ap.add_argument("--set", choices=SETS, help="only this set")
    ap.add_argument("--dump", type=Path, help="write newsdesk's per-page answers and the gold here (JSONL)")
    args = ap.parse_args()
    pages = [p for p in load(args.data) if not args.set or p["set"] == args.set]
    halves = ["even", "odd"] if args.split == "all" else [args.split]
    chosen = []
    for half in halves:
        part = [p for p in pages if p["half"] == half]
        chosen += part[: args.limit or None]
    base = baselines(chosen)
    ours, secs = run_newsdesk(chosen)
    systems = {
        "newsdesk": ours,
        "htmldate ext+orig": {k: {"date": v.get("htmldate_ext1")} for k, v in base.items()},
        "htmldate orig": {k: {"date": v.get("htmldate_ext0")} for k, v in base.items()},
        "trafilatura bare": {k: v.get("trafilatura", {}) for k, v in base.items()},
    }
    print(f"metadata benchmark: {len(chosen)} pages; newsdesk {secs:.0f} s ({len(chosen) / secs:.1f} pages/s); "
          "htmldate = find_date(html, original_date=True) with/without extensive_search; "
          "trafilatura = bare_extraction(html, with_metadata=True)")
    for half in halves:
        label = "tuning half (even index)" if half == "even" else "report half (odd index)"
        table(label, [p for p in chosen if p["half"] == half], systems)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for p in chosen:
                row = {k: p[k] for k in ("set", "file", "half", "date", "author", "title")}
                row["newsdesk"] = {k: v for k, v in ours.get(p["sha1"], {}).items() if k != "text"}
                row["trafilatura"] = {k: v for k, v in base[p["sha1"]].get("trafilatura", {}).items() if k != "text"}
                row["htmldate"] = base[p["sha1"]].get("htmldate_ext1")
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
