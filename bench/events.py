"""Event coding, scored in PLOVER's 15 root codes on two gold sets.

    python bench/events.py [--data ../shared/data/event-coding] [--skip-petr]

1. PLV_test.tsv (Hu et al., ACL 2024; 1,033 rows, source and target given): the trained
   event model (``newsdesk/analyze/data/eventcoder.npz``) reads each pair from the spaCy
   parse and picks one of the 15 root codes. Printed: root-code accuracy and macro-F1,
   quad-class accuracy (verbal/material x cooperation/conflict), the confusion table;
   beside it, in the same run, a lexicon baseline (the trigger word's entry in
   ``plover.py``, else the commonest class) and the ZSP predictions saved in the file
   (``root_L2``; the paper's notebook reports 0.838 / 0.824). Never used for training.
2. PETR2_GSR_validation.xml: the 78 validation records (AFP sentences and short test
   sentences) coded in CAMEO; every record is read (self-closing or not; an empty <Text>
   is rebuilt from its CoNLL-U parse; PTB quote marks `` '' become "), except the 3 whose
   comment marks them as tests of PETRARCH's discard dictionary ("Discard event on
   1994"): 75 sentences. CAMEO is mapped to PLOVER with the data set's own
   CAMEO2PLOVER-2021 table (RETREAT and CONCEDE are the root YIELD; CAMEO 01/02
   statements and appeals have no PLOVER type and count as "no event", as do records
   coded noevents). Scored: the sentence's top event (of our non-negated events, claims
   included, the one whose trigger is nearest the root of the parse; the gold's first
   coding) against the gold type (or "none"), for ours and a keyword baseline (the first
   lexicon word, no parse); micro P/R/F1 over (sentence, type) pairs; source/target
   agreement of the top event (the gold actor's country prefix vs the country our actor
   names: pycountry plus a short demonym list; agent-only codes such as ---REB are
   skipped).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import prf  # noqa: E402

from newsdesk.analyze import build_pipeline  # noqa: E402
from newsdesk.analyze.eventmodel import load_event_model  # noqa: E402
from newsdesk.analyze.plover import NOUNS, ROOT_CODES, VERBS  # noqa: E402
from newsdesk.nlp_models import base_spacy, event_model  # noqa: E402
from newsdesk.train.data import read_plv  # noqa: E402
from newsdesk.train.events import featurize  # noqa: E402
from newsdesk.train.metrics import confusion_table, score  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "event-coding"
RECORD = re.compile(r"<Sentence\b[^>]*\bid=\"(?P<id>[^\"]+)\"[^>]*>(?P<body>.*?)(?=<Sentence\b|</Sentences>)", re.S)
CODING = re.compile(r"<EventCoding\s+eventcode=\"(?P<code>\d+)\"\s+sourcecode=\"(?P<src>[^\"]*)\"\s+targetcode=\"(?P<tgt>[^\"]*)\"")
TEXT = re.compile(r"<Text>(?P<text>.*?)</Text>", re.S)
PARSE = re.compile(r"<Parse>(?P<parse>.*?)</Parse>", re.S)
DISCARD_TEST = re.compile(r"<!--\s*Discard event", re.I)
TO_ROOT = {"RETREAT": "YIELD", "CONCEDE": "YIELD"}

DEMONYMS = {
    "american": "USA", "us": "USA", "u.s.": "USA", "washington": "USA", "russian": "RUS", "moscow": "RUS",
    "kremlin": "RUS", "chinese": "CHN", "beijing": "CHN", "israeli": "ISR", "jerusalem": "ISR",
    "ukrainian": "UKR", "kiev": "UKR", "kyiv": "UKR", "georgian": "GEO", "tbilisi": "GEO", "syrian": "SYR",
    "damascus": "SYR", "iraqi": "IRQ", "baghdad": "IRQ", "iranian": "IRN", "tehran": "IRN", "rwandan": "RWA",
    "kigali": "RWA", "swiss": "CHE", "british": "GBR", "london": "GBR", "french": "FRA", "paris": "FRA",
    "german": "DEU", "berlin": "DEU", "japanese": "JPN", "tokyo": "JPN", "palestinian": "PSE",
    "gaza": "PSE", "lebanese": "LBN", "beirut": "LBN", "somali": "SOM", "kenyan": "KEN", "nairobi": "KEN",
    "nigerian": "NGA", "tunisian": "TUN", "qatari": "QAT", "doha": "QAT", "pakistani": "PAK", "afghan": "AFG",
    "indian": "IND", "egyptian": "EGY", "cairo": "EGY", "turkish": "TUR", "ankara": "TUR", "korean": "KOR",
    "seoul": "KOR", "pyongyang": "PRK", "north korea": "PRK", "south korea": "KOR", "guyanese": "GUY",
    "un": "IGO", "united nations": "IGO", "nato": "IGO", "european union": "IGO", "eu": "IGO",
}


def country_of(name: str | None) -> str | None:
    """ISO alpha-3 country (or IGO) a participant's name points to, if any."""
    if not name:
        return None
    import pycountry

    low = name.lower().strip()
    for key, code in sorted(DEMONYMS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![a-z]){re.escape(key)}(?![a-z])", low):
            return code
    for word in [name, *name.split()]:
        try:
            return pycountry.countries.lookup(word).alpha_3
        except LookupError:
            continue
    return None


def plover_map(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if not m:
            continue
        table.setdefault(m[1], TO_ROOT.get(m[2], m[2]))
    return table


def to_plover(code: str, table: dict[str, str]) -> str | None:
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    return None


def load(data: Path) -> list[dict]:
    raw = (data / "PETR2_GSR_validation.xml").read_text(encoding="utf-8")
    table = plover_map(data / "CAMEO2PLOVER-2021.txt")
    out = []
    for rec in RECORD.finditer(raw):
        body = rec["body"]
        text = " ".join(TEXT.search(body)["text"].split()) if TEXT.search(body) else ""
        if not text and PARSE.search(body):
            text = text_of_parse(PARSE.search(body)["parse"])
        text = re.sub(r"\s*''", '"', re.sub(r"\s*``\s*", ' "', text)).strip()  # PTB-style quote marks
        if DISCARD_TEST.search(body):
            continue  # a test of PETRARCH's discard dictionary, not of who did what to whom
        gold = [(to_plover(m["code"], table), m["src"], m["tgt"]) for m in CODING.finditer(body)]
        gold = [g for g in gold if g[0]]
        out.append({"id": rec["id"], "text": text, "gold": gold})
    return out


def text_of_parse(conllu: str) -> str:
    """The sentence a CoNLL-U parse was made of (for records whose <Text> is empty)."""
    out = []
    for line in conllu.strip().splitlines():
        cols = line.split("\t")
        if len(cols) >= 10 and cols[0].isdigit():
            out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def keyword_baseline(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        for lemma in (word, word.rstrip("s"), word[:-2] if word.endswith("ed") else word,
                      word[:-1] if word.endswith("ed") else word, word[:-3] if word.endswith("ing") else word):
            if lemma in VERBS:
                return VERBS[lemma][0]
    return None


def depth(doc, ev) -> int:
    """Edges from the event's trigger up to the root of its sentence's parse (0: the root)."""
    tok = next((t for t in doc if t.idx >= ev.start and t.text == ev.trigger), None)
    d = 0
    while tok is not None and tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def lexicon_code(features: list[str], fallback: str) -> str:
    """Baseline: the trigger word's lexicon type, else the commonest class."""
    lemma = next((f[5:] for f in features if f.startswith("trig=")), "")
    hit = VERBS.get(lemma) or NOUNS.get(lemma)
    return hit[0] if hit else fallback


def plv_section(data: Path, weights: Path | None = None) -> None:
    path = data / "plv" / "PLV_test.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    examples = read_plv(path)
    model = load_event_model(weights) if weights else event_model()
    t0 = time.perf_counter()
    feats = featurize(examples, base_spacy())
    vectors = None
    if model.uses_embedding:
        from newsdesk.nlp_models import embedder

        vectors = embedder().encode(feats.phrases)
    probs = model.probabilities(feats.features, vectors)
    elapsed = time.perf_counter() - t0
    pred = [model.classes[i] for i in probs.argmax(axis=1)]
    # Rows whose two sides the reader cannot find count as wrong ("none").
    missing = len(rows) - len(pred)
    gold = feats.labels + ["?"] * missing
    ours = score(gold, pred + ["none"] * missing)
    fallback = Counter(feats.labels).most_common(1)[0][0]
    base = score(gold, [lexicon_code(f, fallback) for f in feats.features] + ["none"] * missing)
    zsp = score([r["gold_root"] for r in rows], [r["root_L2"] for r in rows])
    print(f"PLV_test: {len(rows)} rows ({missing} not placed in the parse, counted wrong); "
          f"{len(rows) / elapsed:.0f} rows/s parse + model")
    print(f"  newsdesk event model   {ours.line()}")
    print(f"  lexicon baseline       {base.line()}")
    print(f"  ZSP saved root_L2      {zsp.line()}   (paper notebook: 0.838 / 0.824)")
    print(f"  model: {model.meta.get('data')}, seed {model.meta.get('seed')}, held-out {model.meta.get('held_out')}")
    print("\nconfusion (rows gold, columns predicted):")
    print(confusion_table(ours, list(ROOT_CODES)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--skip-petr", action="store_true", help="PLV_test only")
    ap.add_argument("--skip-plv", action="store_true", help="PETR-2 gold sentences only")
    ap.add_argument("--model", type=Path, default=None,
                    help="score other weights on PLV_test (e.g. one trained with --embedding)")
    args = ap.parse_args()
    if not args.skip_plv:
        plv_section(args.data, args.model)
    if not args.skip_petr:
        print()
        petr_section(args.data)


def petr_section(data: Path) -> None:
    records = load(data)
    nlp = build_pipeline()
    t0 = time.perf_counter()
    docs = list(nlp.pipe([r["text"] for r in records]))
    elapsed = time.perf_counter() - t0
    right = base_right = 0
    tp = fp = fn = 0
    src_ok = src_n = tgt_ok = tgt_n = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for rec, doc in zip(records, docs, strict=True):
        # Claims count: PETRARCH codes what a reported statement says happened.
        events = [e for e in doc._.nd_events if not e.negated]
        gold_types = {g[0] for g in rec["gold"]}
        top = min(events, key=lambda e: depth(doc, e)) if events else None
        gold_top = rec["gold"][0][0] if rec["gold"] else "none"
        pred_top = top.type if top else "none"
        right += pred_top == gold_top
        base_right += (keyword_baseline(rec["text"]) or "none") == gold_top
        confusion[(gold_top, pred_top)] += 1
        pred_types = {e.type for e in events}
        tp += len(pred_types & gold_types)
        fp += len(pred_types - gold_types)
        fn += len(gold_types - pred_types)
        if top and rec["gold"]:
            _, gsrc, gtgt = rec["gold"][0]
            if gsrc[:3].isalpha() and gsrc[:3] != "---" and top.actor:
                src_n += 1
                src_ok += country_of(top.actor) == ("IGO" if gsrc.startswith("IGO") else gsrc[:3])
            if gtgt[:3].isalpha() and gtgt[:3] != "---" and top.target:
                tgt_n += 1
                tgt_ok += country_of(top.target) == ("IGO" if gtgt.startswith("IGO") else gtgt[:3])
    n = len(records)
    p, r, f = prf(tp, tp + fp, tp + fn)
    print(f"PETR2 gold validation sentences: {n} ({sum(1 for x in records if x['gold'])} with a PLOVER event)")
    print(f"event-type accuracy (top event): newsdesk {right / n:.3f}   keyword baseline {base_right / n:.3f}")
    print(f"(sentence, type) pairs: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"source agreement: {src_ok}/{src_n} = {src_ok / max(src_n, 1):.3f}   "
          f"target agreement: {tgt_ok}/{tgt_n} = {tgt_ok / max(tgt_n, 1):.3f}")
    print(f"speed: {n / elapsed:.1f} sentences/s (whole pipeline)")
    print("\nconfusion (gold -> predicted top type), counts:")
    for (g, pr), c in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "" if g == pr else "  x"
        print(f"  {g:12s} -> {pr:12s} {c:3d}{mark}")


if __name__ == "__main__":
    main()
