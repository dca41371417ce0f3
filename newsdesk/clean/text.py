"""Plain-text furniture removal: a scraped report in, clean text + metadata + the removed
spans (with their kind and offsets into the input) out.

Our own code, because no library cleans plain-text scrapes (see ``furniture``). The pass
works line by line: first the reader-comment thread (everything from its header on), then
each line's kind, then the title, dateline and sign-off, then the kept lines are joined.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.clean import furniture as f
from newsdesk.clean.agencies import ANY_AGENCY
from newsdesk.clean.byline import FULL
from newsdesk.clean.dates import find_dates
from newsdesk.model import RemovedSpan


@dataclass
class Line:
    start: int
    end: int
    text: str
    kind: str | None = None  # None: kept as report text

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class CleanText:
    """What the cleaner found: the clean text and everything it moved to metadata."""

    text: str
    removed: list[RemovedSpan] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    dates: list[datetime] = field(default_factory=list)
    dateline: str | None = None
    dateline_date: str | None = None
    outlet: str | None = None


def split_lines(raw: str) -> list[Line]:
    lines, pos = [], 0
    for part in raw.split("\n"):
        lines.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return lines


_NON_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
_NUMBER_LINE = re.compile(r"[\d.,]+\s*[km]?", re.I)
_HEADLINE_END = re.compile(r"[.:;,]$")


@functools.lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _mark_comment_thread(lines: list[Line]) -> int | None:
    """Everything from a comment-thread header on is reader comments; a header only counts
    in the later part of the page, where threads live. Returns where the thread starts."""
    nonempty = [ln for ln in lines if ln.stripped]
    for i, ln in enumerate(nonempty):
        if i >= max(3, len(nonempty) * 0.3) and f.is_comment_thread_start(ln.stripped):
            for later in lines:
                if later.start >= ln.start:
                    later.kind = "comments"
            return ln.start
    return None


def _date_line(text: str, other_words: int = 5) -> list[datetime] | None:
    """Dates of a line that is a date/time stamp (possibly with up to ``other_words``
    menu words)."""
    if len(text) > 120 or not _DIGIT.search(text):
        return None  # a stamp is short and has digits; skip the date patterns on prose
    found = find_dates(text)
    if not found or f.is_sentence(text):
        return None
    rest = text
    for _, s, e in reversed(found):
        rest = rest[:s] + " " + rest[e:]
    label = f.LABEL.match(text)
    if "@" in rest or (label and label.group(1).lower() not in f.DATE_LABELS):
        return None  # "Deadline: 03.11.2019", a quoted post's handle and date: report text
    rest_words = [w for w in f.words(rest) if w.lower() not in f.DATE_LABELS]
    if len(rest_words) > other_words and not f.is_navigation(" ".join(rest_words)):
        return None
    return [d for d, _, _ in found]


def _byline_names(text: str) -> list[str] | None:
    m = f.BYLINE.match(text)
    if not m or f.is_sentence(text) or len(f.words(text)) > 10:
        return None
    names = re.split(r"\s*(?:,|\band\b|&|\bund\b)\s*", m.group("names"))
    out = []
    for name in names:
        name = re.sub(r"^(?:with|for|in)\s+.*$", "", name.strip(), flags=re.I).strip(" .")
        if name and not f.AGENCY_TAG.match(name) and 1 <= len(name.split()) <= 4:
            if not FULL_NAME.fullmatch(name):  # "Von Montag bis Freitag geöffnet" names nobody
                return None
            out.append(name)
    return out


MAX_CAPTION_WORDS = 60
FULL_NAME = re.compile(FULL)


def _classify(line: Line, result: CleanText, from_html: bool = False) -> None:
    text = line.stripped
    if not text:
        return
    n_words = len(f.words(text))
    if n_words <= 16:
        # an extractor's main text keeps few stamps: a dated line with words is content there
        dates = _date_line(text, other_words=2 if from_html else 5)
        if dates:
            line.kind = "date"
            result.dates.extend(dates)
            return
        names = _byline_names(text)
        if names is not None:
            line.kind = "byline"
            result.authors.extend(n for n in names if n not in result.authors)
            return
    for check, kind in ((f.is_share_link, "prompt"), (f.is_embed_notice, "embed"), (f.is_rights_notice, "footer"),
                        (f.is_tip_line, "tipline"), (f.is_related_teaser, "related"), (f.is_stamp, "date")):
        if check(text):
            line.kind = kind
            return
    reporters = f.credit_line_names(text)
    if reporters is not None:
        line.kind = "byline"
        result.authors.extend(n for n in reporters if n not in result.authors)
        return
    if n_words > 40:
        # Only a caption with its credit can be this long; the other furniture is short;
        # and no caption runs to a page's worth (a one-line dump of a whole page).
        if n_words <= MAX_CAPTION_WORDS and f.has_credit(text):
            line.kind = "caption"
        return
    checks = [(f.is_agency_tag, "agency_tag"), (f.is_counter, "counter"), (f.is_comment_form, "comments"),
              (f.is_prompt, "prompt"), (f.is_footer, "footer"), (f.is_navigation, "navigation"),
              (f.has_credit, "caption"), (f.is_source_tag, "boilerplate")]
    for check, kind in checks:
        if check(text):
            line.kind = kind
            return


CREDIT_TAIL = 60  # characters a credit adds to a caption ("Photo: Ana Ruiz/Example Agency")


def _mark_captions_and_repeats(lines: list[Line], repeats: bool = True) -> None:
    """Duplicated caption pairs (caption, then caption + credit) and (``repeats``)
    repeated lines."""
    kept = [ln for ln in lines if ln.stripped and ln.kind is None]
    seen: set[str] = set()
    for a, b in zip(kept, kept[1:], strict=False):
        na, nb = _norm(a.text), _norm(b.text)
        if len(na) > 30 and nb.startswith(na) and nb != na:
            # a caption, then the same caption with its credit; a lead repeated as the
            # opening of a longer paragraph is a repeat, and that paragraph is the story
            extra = nb[len(na):]
            if len(extra) <= CREDIT_TAIL or f.has_credit(b.text):
                a.kind = b.kind = "caption"
            else:
                a.kind = "headline_repeat"
    for ln in kept if repeats else []:
        if ln.kind is not None:
            continue
        key = _norm(ln.text)
        if key and key in seen and len(key) > 3:
            ln.kind = "headline_repeat"
        seen.add(key)


def _mark_labels_near_furniture(lines: list[Line], result: CleanText) -> None:
    """Short Title-Case labels (site names, section tags) sitting among furniture."""
    nonempty = [ln for ln in lines if ln.stripped]
    for i, ln in enumerate(nonempty):
        if ln.kind is not None or not f.is_short_label(ln.text):
            continue
        neighbours = nonempty[max(0, i - 1):i] + nonempty[i + 1:i + 2]
        if any(n.kind in {"counter", "navigation", "date", "byline", "agency_tag", "boilerplate", "prompt"}
               for n in neighbours):
            ln.kind = "boilerplate"
            result.outlet = result.outlet or ln.stripped
        elif f.is_counter(ln.text):
            ln.kind = "counter"
    # a bare number line next to a counter word is part of the counter ("2" / "SHARES")
    for i, ln in enumerate(nonempty):
        if (ln.kind is None and _NUMBER_LINE.fullmatch(ln.stripped)
                and any(n.kind == "counter" for n in nonempty[max(0, i - 1):i + 2] if n is not ln)):
            ln.kind = "counter"


_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _mark_related_lists(lines: list[Line]) -> None:
    """The headlines listed under a bare related-stories lead-in ("Related stories")."""
    nonempty = [ln for ln in lines if ln.stripped]
    for i, ln in enumerate(nonempty):
        if ln.kind != "related" or len(f.words(ln.stripped.rstrip(":"))) > 4:
            continue
        for nxt in nonempty[i + 1:i + 8]:
            if (nxt.kind is not None or not _headline_like(nxt.text) or nxt.stripped.endswith((".", "!", "”", '"'))
                    or len(f.words(nxt.text)) > 16):
                break  # a sentence of the report, not a listed headline
            nxt.kind = "related"


def _headline_like(text: str) -> bool:
    ws = f.words(text)
    return 2 <= len(ws) <= 25 and not _HEADLINE_END.search(text.strip()) and not f.is_counter(text)


def _find_title(lines: list[Line], result: CleanText, hint: str | None) -> None:
    kept = [ln for ln in lines if ln.stripped and ln.kind is None]
    if hint:
        hint_key = _norm(hint)
        for ln in kept:
            if _norm(ln.text) == hint_key:
                ln.kind = "title"
        result.title = hint
        return
    if not kept:
        return
    first = kept[0]
    if (len(kept) > 1 and 1 <= len(f.words(first.text)) <= 3 and f.is_short_label(first.text)
            and _headline_like(kept[1].text) and not f.is_sentence(kept[1].text)):
        first.kind = "boilerplate"  # a site name above the headline
        result.outlet = result.outlet or first.stripped
        kept = kept[1:]
    cand = kept[0]
    if len(kept) < 2 or f.is_sentence(cand.text) or not _headline_like(cand.text):
        return  # a report's only paragraph is its text, never its headline
    glued = _GLUE.search(cand.stripped)
    if glued and glued.start() > 10:  # "…causes concernThe new pact…": headline glued to its deck
        cut = cand.text.index(cand.stripped) + glued.start()
        result.title = cand.text[:cut].strip()
        deck = Line(cand.start + cut, cand.end, cand.text[cut:])
        cand.end, cand.text, cand.kind = cand.start + cut, cand.text[:cut], "title"
        lines.insert(lines.index(cand) + 1, deck)
    else:
        cand.kind = "title"
        result.title = cand.stripped
    # the headline repeated later, possibly broken over several short lines
    title_key = _norm(result.title)
    rest = [ln for ln in lines if ln.stripped and ln.kind is None]
    for i in range(len(rest)):
        joined = ""
        for j in range(i, min(i + 4, len(rest))):
            joined = (joined + " " + _norm(rest[j].text)).strip()
            if joined == title_key:
                for ln in rest[i:j + 1]:
                    ln.kind = "headline_repeat"
                break
            if not title_key.startswith(joined):
                break


def _strip_dateline(lines: list[Line], result: CleanText) -> list[RemovedSpan]:
    body = [ln for ln in lines if ln.stripped and ln.kind is None][:3]
    for ln in body:
        wire = f.DATELINE_AGENCY.match(ln.text)
        m = wire or f.DATELINE.match(ln.text)
        if not m:
            continue
        place = m.group("place").strip(" ,")
        if not wire and (not (place.isupper() or len(place.split()) == 1) or len(place) < 3):
            continue
        if not wire and not place.isupper() and ":" in ln.text[len(m.group("place")):m.end()]:
            continue  # "Vorweg: …", "Update: …": a capitalised word before a colon is a label; "BERLIN: …" is a place
        result.dateline = place.title() if place.isupper() else place
        result.dateline_date = (m.groupdict().get("date") or "").strip() or None
        span = RemovedSpan("dateline", ln.text[:m.end()].strip(), ln.start, ln.start + m.end())
        ln.start += m.end()
        ln.text = ln.text[m.end():]
        return [span]
    return []


def _strip_sign_off(lines: list[Line]) -> list[RemovedSpan]:
    kept = [ln for ln in lines if ln.stripped and ln.kind is None]
    if not kept:
        return []
    last = kept[-1]
    m = f.SIGN_OFF.search(last.text) or f.AGENCY_SIGN_OFF.search(last.text)
    if not m or m.start() == 0:
        return []
    kind = "agency_tag" if ANY_AGENCY.search(m.group(0)) else "byline"
    span = RemovedSpan(kind, m.group(0).strip(), last.start + m.start(), last.start + m.end())
    last.text = last.text[:m.start()]
    last.end = last.start + len(last.text)
    return [span]


def _join(kept: list[Line]) -> str:
    """Kept lines as paragraphs; a line that continues the previous one's sentence
    (no closing punctuation, next starts lower-case) is re-joined with a space."""
    out: list[str] = []
    for ln in kept:
        text = ln.stripped
        if out and not re.search(r"[.!?:;\"”’)\]…]$", out[-1]) and text[:1].islower():
            out[-1] += " " + text
        else:
            out.append(text)
    return "\n\n".join(out)


def clean_text(raw: str, title_hint: str | None = None, from_html: bool = False) -> CleanText:
    """Remove page furniture from a plain-text report (or from the main text an HTML
    extractor found: ``from_html`` keeps repeated lines, which the extractor already
    judged; a standfirst is kept: some pages print it as their first paragraph).

    >>> r = clean_text("Home  World\\n\\nViews: 12\\n\\nThe council voted on Monday to close the old bridge.")
    >>> r.text
    'The council voted on Monday to close the old bridge.'
    >>> [s.kind for s in r.removed]
    ['navigation', 'counter']
    """
    result = CleanText(text="")
    lines = split_lines(raw)
    thread_start = _mark_comment_thread(lines)
    for ln in lines:
        if ln.kind is None:
            _classify(ln, result, from_html)
    if not from_html:  # site-name labels are a plain-text scrape's; an extractor dropped them
        _mark_labels_near_furniture(lines, result)
    _mark_related_lists(lines)
    _find_title(lines, result, title_hint)
    _mark_captions_and_repeats(lines, repeats=not from_html)
    extra = _strip_dateline(lines, result) + _strip_sign_off(lines)
    removed = [RemovedSpan(ln.kind, ln.stripped, ln.start, ln.end) for ln in lines
               if ln.kind and ln.kind != "title" and ln.stripped]
    if thread_start is not None:  # the whole reader-comment thread as one span
        removed = [s for s in removed if s.start < thread_start]
        removed.append(RemovedSpan("comments", raw[thread_start:].strip(), thread_start, len(raw.rstrip())))
    result.removed = sorted(removed + extra, key=lambda s: s.start)
    result.text = _join([ln for ln in lines if ln.stripped and ln.kind is None])
    return result
