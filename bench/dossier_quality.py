"""Precision of the dossier's cross-source judgments on real story sets.

    python bench/dossier_quality.py [--split report|tune|all] [--sets gva,allsides] [--limit N]
                                    [--offset N] [--dump DIR] [--all-discrepancies] [--fit]

Stories (``../shared/data/stories-dev``), with a fixed split so that nothing is tuned on
the dossiers that are reported:

* ``gva``: Gun Violence Archive incidents (5-6 scraped reports each, page furniture
  left in; ``gold.json`` gives date, killed and injured). Incidents sorted by folder
  name: the first half is TUNE, the second half REPORT.
* ``allsides``: left/centre/right triplets (``roundups.jsonl``): roundups 1-20 TUNE,
  21-40 REPORT.

Printed, with counts:

* gold figures (GVA): for the incident date and the killed / injured counts, how many
  dossiers state the figure in some claim, and in a claim backed by 2+ independent
  origins (the figure is "carried by the best-sourced claim" when the best-sourced
  claim stating a figure of that kind states the gold one);
* furniture claims: claims whose text is page furniture by a bench-side detector
  independent of the code under test (copyright / rights lines, share and tweet
  prompts, links, video-player text, time stamps, tip lines); the goal is 0;
* discrepancies and multi-source claims found, and, from the hand labels in
  ``bench/labels/*.jsonl`` (guideline: ``bench/labels/GUIDELINE.md``), their precision
  with counts and the reliability of the discrepancy confidence (share of real items
  per confidence bin beside the bin's mean confidence); items without a label are
  counted as unlabelled, never as right or wrong. A story is judged only with the
  labels of its own split: ``*_tune.jsonl`` files hold TUNE labels (used to fit the
  confidence model, ``--fit``), every other file REPORT labels; a label filed under the
  wrong split is reported and ignored;
* quote speakers: precision of the speakers of labelled quote renderings
  (``bench/labels/speakers.jsonl``, scored by ``bench/speakers.py``) with counts;
* cross-document coreference from ``bench/coref.py`` when that file exists.

Analysed articles are cached per story under ``.bench/dq/`` (keyed by a hash of the
ingest/clean/analyze sources) and sentence vectors in ``.bench/dq/vectors.npz``, so a
rerun only rebuilds the dossiers. ``--dump DIR`` writes each dossier's items (with the
sentence around each variant) as JSON for labelling. ``--all-discrepancies`` lists every
candidate discrepancy, also those below the model's cut (for labelling candidates);
``--fit`` (TUNE split only) fits the confidence model on every labelled TUNE candidate
and writes ``newsdesk/crossdoc/data/discrepancy_model.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speakers import Tally, dump_items  # noqa: E402
from newsdesk.crossdoc import build_dossier, discrepancies  # noqa: E402
from newsdesk.crossdoc.origins import outlet_key  # noqa: E402
from newsdesk.ingest.records import read_jsonl  # noqa: E402
from newsdesk.model import Article, Dossier, Report  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "stories-dev"
CACHE = ROOT / ".bench" / "dq"
LABELS = ROOT / "bench" / "labels"
ALLSIDES_TUNE, ALLSIDES_REPORT = range(0, 20), range(20, 40)


@dataclass
class Story:
    key: str                       # "gva/152468", "allsides/5608"
    split: str                     # "tune" or "report"
    jsonl: bytes                   # the reports as JSON lines
    gold: dict = field(default_factory=dict)


def gva_stories() -> list[Story]:
    dirs = sorted(p for p in (DEV / "gva").iterdir() if (p / "reports.jsonl").exists())
    half = len(dirs) // 2
    return [Story(f"gva/{d.name}", "tune" if k < half else "report", (d / "reports.jsonl").read_bytes(),
                  json.loads((d / "gold.json").read_text(encoding="utf-8"))) for k, d in enumerate(dirs)]


def allsides_stories() -> list[Story]:
    out = []
    lines = (DEV / "allsides" / "roundups.jsonl").read_text(encoding="utf-8").splitlines()
    for k, line in enumerate(lines[:ALLSIDES_REPORT.stop]):
        rec = json.loads(line)
        body = "\n".join(json.dumps({"title": a["title"], "url": a["url"], "outlet": a["outlet"], "text": a["text"]})
                         for a in rec["articles"])
        out.append(Story(f"allsides/{rec['id']}", "tune" if k in ALLSIDES_TUNE else "report", body.encode()))
    return out


def _code_hash() -> str:
    h = hashlib.sha1()
    for pkg in ("ingest", "clean", "analyze"):
        for path in sorted((ROOT / "newsdesk" / pkg).rglob("*.py")):
            h.update(path.read_bytes())
    h.update((ROOT / "newsdesk" / "model.py").read_bytes())
    return h.hexdigest()[:10]


def analysed(story: Story, settings: Settings) -> list[Article]:
    """The story's cleaned and analysed articles, from the cache when the code is unchanged."""
    from newsdesk import service
    from newsdesk.store import open_store

    path = CACHE / _code_hash() / (story.key.replace("/", "_") + ".db")
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{path}")
    reports = [r for r in read_jsonl(story.jsonl, story.key) if isinstance(r, Report)]
    result = service.ingest_reports(reports, store, settings)
    return service.articles_for_dossier(store, result.article_ids, settings)


class CachedEmbedder:
    """The e5 embedder with vectors kept on disk between runs (keyed by text hash)."""

    def __init__(self, path: Path) -> None:
        from newsdesk.nlp_models import E5Embedder

        self.path, self.inner, self.dirty = path, E5Embedder(), False
        self.known: dict[str, np.ndarray] = {}
        if path.exists():
            data = np.load(path)
            self.known = dict(zip(data["keys"].tolist(), data["vecs"], strict=True))

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.known))
        if todo:
            for t, v in zip(todo, self.inner.encode(todo), strict=True):
                self.known[hashlib.sha1(t.encode()).hexdigest()] = v
            self.dirty = True
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.known[k] for k in keys])

    def save(self) -> None:
        if self.dirty:
            keys = list(self.known)
            np.savez(self.path, keys=np.array(keys), vecs=np.stack([self.known[k] for k in keys]))
            self.dirty = False


# ---- bench-side judges (independent of the code under test) ----

FURNITURE = re.compile(
    r"copyright|©|all rights reserved|may not be (?:published|broadcast|rewritten|redistributed)|"
    r"read or share this story|https?://|www\.|\.com/|tweet with a location|skip in skip|embed x share|"
    r"(?:^|\()\s*(?:posted|updated|published|last updated):?\s+(?:\w+day|\w+ \d|\d)|click here|sign up for|subscribe|"
    r"newsletter|download (?:the|our) app|watch (?:the )?video|related:|more stories|follow us|"
    r"\bcall\b[^.]{0,40}\d{3}[-.\s]\d{4}|crime ?stoppers|\bsubmit a tip|story continues below|"
    r"advertisement|this story has been (?:updated|corrected)|contributed to this report|photo:|"
    r"\bAP Photo\b|\(?getty images\)?",
    re.I)


def is_furniture(text: str) -> bool:
    return bool(FURNITURE.search(text))


WORD_NUM = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
KILLED = re.compile(r"\b(?:killed|dead|died|deaths?|fatal(?:ly)?|slain|murdered|lives)\b", re.I)
INJURED = re.compile(r"\b(?:injured|wounded|hurt|injuries|hospitali[sz]ed)\b", re.I)
NUMBER = re.compile(r"\b(\d{1,3}|" + "|".join(WORD_NUM) + r")\b", re.I)


def _numbers_near(text: str, cue: re.Pattern[str], width: int = 40) -> set[int]:
    out = set()
    for m in cue.finditer(text):
        window = text[max(0, m.start() - width):m.end() + width]
        for n in NUMBER.findall(window):
            out.add(int(n) if n.isdigit() else WORD_NUM[n.lower()])
    return out


def gold_figures(dossier: Dossier, articles: list[Article], gold: dict) -> dict[str, tuple[bool, bool]]:
    """Per gold figure: (stated in some claim, carried by the best-sourced claim of its kind)."""
    by_id = {a.id: a for a in articles}
    out: dict[str, tuple[bool, bool]] = {}
    for kind, cue, value in (("killed", KILLED, gold.get("num_killed")), ("injured", INJURED, gold.get("num_injured"))):
        if value is None or value == 0:
            continue
        stating = [(c.independent_sources, value in _numbers_near(c.text, cue)) for c in dossier.claims
                   if _numbers_near(c.text, cue)]
        best = max((n for n, _ in stating), default=0)
        out[kind] = (any(ok for _, ok in stating), any(ok for n, ok in stating if n == best and best >= 2))
    date = gold.get("date")
    if date:
        stating = []
        for c in dossier.claims:
            values = set()
            for cite in c.citations:
                ann = by_id[cite.article].annotations
                values |= {t.value for t in (ann.timexes if ann else [])
                           if t.value and cite.start <= t.start and t.end <= cite.end and t.precision == "day"}
            if values:
                stating.append((c.independent_sources, date in values))
        best = max((n for n, _ in stating), default=0)
        out["date"] = (any(ok for _, ok in stating), any(ok for n, ok in stating if n == best and best >= 2))
    return out


# ---- items and labels ----

def discrepancy_key(d) -> str:
    """Stable across reruns: the kind plus each variant's shown text and articles."""
    sides = sorted(f"{v.text.strip().lower()}@{','.join(sorted(a[:8] for a in v.articles))}" for v in d.variants)
    return f"{d.kind}|" + " || ".join(sides)


def claim_key(c) -> str:
    return " ".join(c.text.split())[:300]


def load_labels(splits: dict[str, str]) -> dict[str, dict[tuple[str, str, str], dict]]:
    """Labels per split ("tune" from ``*_tune.jsonl``, "report" from the other files),
    keyed by (story, type, key). ``splits``: story key -> its split; a label of a story
    of the other split is reported and left out, so REPORT figures never read TUNE
    labels and the fit never reads REPORT ones."""
    out: dict[str, dict[tuple[str, str, str], dict]] = {"tune": {}, "report": {}}
    for path in sorted(LABELS.glob("*.jsonl")):
        split = "tune" if path.stem.endswith("_tune") else "report"
        misfiled = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if splits.get(rec["story"], split) != split:
                    misfiled += 1
                    continue
                out[split][(rec["story"], rec["type"], rec["key"])] = rec
        if misfiled:
            print(f"warning: {path.name}: {misfiled} labels of {('report' if split == 'tune' else 'tune')} "
                  f"stories left out")
    return out


def _context(articles: dict[str, Article], cite) -> str:
    text = articles[cite.article].text
    start = max(text.rfind("\n", 0, cite.start), text.rfind(". ", 0, cite.start - 1) + 1, 0)
    end = min(x for x in (text.find("\n", cite.end), text.find(". ", cite.end), len(text)) if x >= 0)
    return " ".join(text[start:end + 1].split())


def dump(story: Story, dossier: Dossier, articles: list[Article], path: Path,
         evidence: dict[str, dict[str, float]] | None = None) -> None:
    by_id = {a.id: a for a in articles}
    outlet = {a.id: f"{outlet_key(a)}/{a.id[:6]}" for a in articles}
    origin = {a.id: a.origin for a in dossier.articles}
    items = {"story": story.key, "split": story.split,
             "origins": {o.id: [outlet[x] for x in o.articles] for o in dossier.origins},
             "discrepancies": [{"key": discrepancy_key(d), "id": d.id, "kind": d.kind, "about": d.about,
                                "confidence": d.confidence, "evidence": (evidence or {}).get(d.id, {}),
                                "variants": [{"text": v.text, "articles": [f"{outlet[a]}:{origin[a]}" for a in v.articles],
                                              "context": [_context(by_id, c) for c in v.citations]}
                                             for v in d.variants]} for d in dossier.discrepancies],
             "claims": [{"key": claim_key(c), "id": c.id, "n": c.independent_sources, "status": c.status,
                         "citations": [f"{outlet[x.article]}:{origin[x.article]}: {' '.join(x.text.split())}"
                                       for x in c.citations]}
                        for c in dossier.claims if c.independent_sources >= 2],
             "summary": [s.text for s in dossier.summary],
             "speakers": dump_items(dossier, articles)}
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False), encoding="utf-8")


def _p(good: int, n: int) -> str:
    return f"{good / n:.3f} ({good}/{n})" if n else "n/a (0)"


BINS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def reliability(got: list[tuple[str, float]], real: str) -> list[str]:
    """Lines of a reliability table: per confidence bin, the labelled items, their mean
    confidence and the share that is real."""
    lines = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inb = [(lab, conf) for lab, conf in got if lo <= conf < hi]
        if inb:
            mean = sum(c for _, c in inb) / len(inb)
            good = sum(1 for lab, _ in inb if lab == real)
            lines.append(f"   confidence {lo:.1f}-{min(hi, 1.0):.1f}: mean {mean:.2f}, real {_p(good, len(inb))}")
    return lines


def fit_model(examples: list[tuple[dict[str, float], str]], n_stories: int) -> None:
    """Fit the confidence model on labelled TUNE candidates and write it into the package."""
    from newsdesk.crossdoc.confidence import FEATURES
    from newsdesk.train.discrepancies import fit

    rows = [f for f, _ in examples]
    labels = [1 if lab == "real" else 0 for _, lab in examples]
    model, loo = fit(rows, labels, trained_on=f"TUNE split, {n_stories} dossiers: {len(labels)} labelled "
                                              f"candidates, {sum(labels)} real")
    out = ROOT / "newsdesk" / "crossdoc" / "data" / "discrepancy_model.json"
    out.write_text(model.to_json() + "\n", encoding="utf-8")
    for name, c in zip(FEATURES, model.coef, strict=True):
        print(f"   {name:10s} {c:+.3f}")
    print(f"   intercept  {model.intercept:+.3f}; cut {model.cut:.3f}; wrote {out.relative_to(ROOT)}")
    kept = [lab for lab, p in zip(labels, loo, strict=True) if p >= model.cut]
    print(f"   leave-one-out on TUNE: kept {len(kept)}, real {sum(kept)} of the {sum(labels)} real")
    for line in reliability([("real" if lab else "false", float(p)) for lab, p in zip(labels, loo, strict=True)],
                            "real"):
        print(line)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="report", choices=["report", "tune", "all"])
    ap.add_argument("--sets", default="gva,allsides")
    ap.add_argument("--limit", type=int, default=0, help="at most N stories per set (0: all)")
    ap.add_argument("--offset", type=int, default=0, help="skip the first N stories of each set's split")
    ap.add_argument("--dump", default="", help="write each dossier's items as JSON into this folder")
    ap.add_argument("--no-coref", action="store_true", help="skip bench/coref.py")
    ap.add_argument("--all-discrepancies", action="store_true", help="list candidates below the model's cut too")
    ap.add_argument("--fit", action="store_true", help="fit the discrepancy confidence model on TUNE labels")
    args = ap.parse_args(argv)
    if args.fit and args.split != "tune":
        ap.error("--fit reads TUNE labels only: use it with --split tune")
    if args.fit or args.all_discrepancies:
        discrepancies.LISTED = 0.0
    sets = args.sets.split(",")
    stories: list[Story] = []
    for name, loader in (("gva", gva_stories), ("allsides", allsides_stories)):
        if name in sets:
            chosen = [s for s in loader() if args.split in ("all", s.split)][args.offset:]
            stories += chosen[:args.limit] if args.limit else chosen
    settings = Settings()
    CACHE.mkdir(parents=True, exist_ok=True)
    emb = CachedEmbedder(CACHE / "vectors.npz")
    labels = load_labels({s.key: s.split for loader in (gva_stories, allsides_stories) for s in loader()})
    examples: list[tuple[dict[str, float], str]] = []
    dump_dir = Path(args.dump) if args.dump else None
    if dump_dir:
        dump_dir.mkdir(parents=True, exist_ok=True)
    figures: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    furniture: list[tuple[str, str, int]] = []
    judged: dict[str, list[tuple[str, float]]] = defaultdict(list)   # type -> [(label, confidence)]
    unlabelled: Counter[str] = Counter()
    speakers = Tally()
    t0 = time.perf_counter()
    for story in stories:
        articles = analysed(story, settings)
        evidence: dict[str, dict[str, float]] = {}
        dossier = build_dossier(articles, emb, evidence=evidence)
        emb.save()
        if dump_dir:
            dump(story, dossier, articles, dump_dir / (story.key.replace("/", "_") + ".json"), evidence)
        counts["stories"] += 1
        counts["articles"] += len(articles)
        counts["claims"] += len(dossier.claims)
        multi = [c for c in dossier.claims if c.independent_sources >= 2]
        counts["multi-source claims"] += len(multi)
        counts["discrepancies"] += len(dossier.discrepancies)
        for c in dossier.claims:
            if is_furniture(c.text):
                furniture.append((story.key, c.text, c.independent_sources))
        for s in dossier.summary:
            counts["summary sentences"] += 1
            counts["furniture in summary"] += is_furniture(s.text)
        if story.gold:
            for kind, (stated, best) in gold_figures(dossier, articles, story.gold).items():
                figures[f"{kind} gold"] += 1
                figures[f"{kind} stated"] += stated
                figures[f"{kind} best"] += best
        speakers.add(story.key, dossier, labels[story.split])
        items = [("discrepancy", discrepancy_key(d), d.confidence) for d in dossier.discrepancies]
        items += [("claim", claim_key(c), float(c.independent_sources)) for c in multi]
        for kind, key, conf in items:
            rec = labels[story.split].get((story.key, kind, key))
            if rec is None:
                unlabelled[kind] += 1
            else:
                judged[kind].append((rec["label"], conf))
        for d in dossier.discrepancies:
            rec = labels["tune"].get((story.key, "discrepancy", discrepancy_key(d)))
            if rec is not None and story.split == "tune":
                examples.append((evidence[d.id], rec["label"]))
    elapsed = time.perf_counter() - t0
    print(f"split={args.split} sets={args.sets} stories={counts['stories']} articles={counts['articles']} "
          f"({elapsed:.0f}s)")
    print(f"claims {counts['claims']}, multi-source {counts['multi-source claims']}, "
          f"discrepancies {counts['discrepancies']}, summary sentences {counts['summary sentences']}")
    for kind in ("date", "killed", "injured"):
        n = figures[f"{kind} gold"]
        if n:
            print(f"gold {kind:8s}: stated in a claim {_p(figures[f'{kind} stated'], n)}; "
                  f"carried by the best-sourced (2+ origins) claim {_p(figures[f'{kind} best'], n)}")
    print(f"furniture claims: {len(furniture)} (in {len({s for s, _, _ in furniture})} dossiers; "
          f"{sum(1 for *_, n in furniture if n >= 2)} multi-source); furniture summary sentences: "
          f"{counts['furniture in summary']}")
    for story_key, text, n in furniture[:15]:
        print(f"   {story_key} [{n}] {text[:110]!r}")
    for kind, real in (("discrepancy", "real"), ("claim", "correct")):
        got = judged[kind]
        good = sum(1 for lab, _ in got if lab == real)
        print(f"labelled {kind} precision: {_p(good, len(got))}; unlabelled {unlabelled[kind]}")
        if kind == "discrepancy" and got:
            print(f"   reliability on the {args.split.upper()} labels (share real per confidence bin):")
            for line in reliability(got, real):
                print(line)
    for line in speakers.lines():
        print(line)
    for line in speakers.wrong[:12]:
        print("   wrong speaker:", line)
    if args.fit:
        fit_model(examples, counts["stories"])
    if not args.no_coref:
        run_coref()


def run_coref() -> None:
    """Cross-document entity figures from ``bench/coref.py`` (another bench), when present."""
    coref = ROOT / "bench" / "coref.py"
    if not coref.exists():
        return
    spec = importlib.util.spec_from_file_location("bench_coref", coref)
    if spec is None or spec.loader is None:
        return
    print("--- bench/coref.py ---")
    saved, sys.argv = sys.argv, [str(coref)]
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "main"):
            module.main()
    except Exception as exc:  # its failure must not hide the figures above
        print(f"bench/coref.py failed: {type(exc).__name__}: {exc}")
    finally:
        sys.argv = saved


if __name__ == "__main__":
    main()
