"""Line classifiers for page furniture in plain-text scrapes.

We write our own because no library cleans *plain-text* scrapes: trafilatura and its
peers need the HTML tree. Every rule looks at the structure and wording of a line (its
length, punctuation, counters, prompt phrases, credit marks), never at an outlet's name.
A line that reads as a real sentence (long, verb-bearing, ending in punctuation) is
never furniture unless it carries an explicit credit mark, so report sentences survive.
"""

from __future__ import annotations

import functools
import re

from newsdesk.clean.agencies import AGENCY, WIRE_DATELINE

NAV_WORDS = set(["home", "homepage", "page", "pages", "main", "menu", "news", "latest", "top", "trending", "popular", "more", "next", "previous", "prev", "back", "politics", "world", "business", "economy", "sport", "sports", "culture", "opinion", "science", "tech", "technology", "health", "entertainment", "lifestyle", "travel", "video", "videos", "photos", "gallery", "live", "local", "national", "international", "region", "regions", "europe", "asia", "africa", "americas", "us", "uk", "search", "subscribe", "login", "log", "in", "sign", "register", "account", "contact", "about", "newsletter", "newsletters", "podcasts", "podcast", "weather", "markets", "money", "columns", "sections", "section", "archive", "archives", "tags", "tag", "category", "categories", "share", "print", "email", "scroll", "to", "skip", "content", "navigation", "toggle", "close", "open"])

COUNTER = re.compile(
    r"^(?:(?:total\s+)?(?:views?|shares?|likes?|reads?|comments?|reactions?|hits)\s*[:\-]?\s*[\d.,]+\s*[km]?"
    r"|[\d.,]+\s*[km]?\s*(?:views?|shares?|likes?|reads?|comments?|reactions?)"
    r"|(?:shares?|views?|likes?)|[\d.,]+\s*[km]?)$", re.I)
COMMENT_THREAD = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies)\s*:?|(?:reader\s+)?comments?\s*\(\d+\)"
    r"|(?:show|view|load|read|see)\s+(?:all\s+)?\d*\s*comments?|comments?\s*:|replies)$", re.I)
COMMENT_FORM = re.compile(
    r"^(?:leave|post|add|write|submit)\s+an?\s+(?:comment|reply|response)\b.{0,40}$"
    r"|your email address will not be published"
    r"|required fields are marked"
    r"|^(?:reply|delete|replydelete|report|flag|cancel reply)$", re.I)
PROMPT = re.compile(
    r"(?:^no time\?|summari[sz]es for you$|^(?:to\s+)?watch(?:\s+on)?\s+(?:the\s+)?video|^watch:|^video:"
    r"|^(?:sign up|subscribe)\b|newsletter|^(?:read|see)\s+(?:more|also)\b|^also read\b|^related\s*:"
    r"|^click here\b|^follow us\b|^download (?:the|our) app|^share (?:this|on)\b|^advertisement$"
    r"|^(?:listen to|play) (?:this|the) (?:article|story)|^(?:recommended|more from)\b"
    r"|^(?:continue reading|read the full)\b|^open in app$)", re.I)
CREDIT_MARK = re.compile(
    r"©|\(c\)\s|\b(?:photo|picture|image|foto|credit|photograph)s?\s*(?:credit)?\s*:|\((?:[A-Z]{2,}|[A-Z][a-z]+)\s+(?:pic|photo|file photo)\)"
    r"|\b[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){0,3}\s*/\s*(?:[A-Z][\w-]+)(?:\s[A-Z][\w-]+)?\s*$")
FOOTER = re.compile(r"^(?:source|via|origin)\s*:?\s+[\w.-]+$|^all rights reserved|^copyright\b|^©\s*\d{4}", re.I)
SIGN_OFF = re.compile(r"\s*\((?:[a-z]{1,4}(?:/[a-z]{1,4})*)\)\s*$")
AGENCY_SIGN_OFF = re.compile(rf"\s*\(\s*{AGENCY}\s*\)\s*$")  # "... said on Monday. (dpa)"
AGENCY_TAG = re.compile(rf"^\s*[(\[]?{AGENCY}[)\]]?\s*[-–—:/]?\s*$")
SOURCE_TAG = re.compile(r"^[A-Z][A-Za-z]{1,10}:$")
BYLINE = re.compile(r"^(?:by|from|written by|text|author|reporting by|von)\s*:?\s+(?P<names>[^\n]{2,80})$", re.I)
DATELINE = re.compile(rf"^(?P<place>[A-Z][A-Za-z.'’-]+(?:[ ,][A-Z][A-Za-z.'’-]+){{0,3}})\s*(?:\(\s*{AGENCY}\s*\))?\s*(?::\s+(?=[A-Z“\"‘])|\s[–—-]\s+(?=\w))")
DATELINE_AGENCY = WIRE_DATELINE
# Words that label a date stamp ("Published 5:32 p.m. ET", "Stand: 28.04.2020 18:00 Uhr").
DATE_LABELS = {"date", "updated", "published", "posted", "on", "at", "am", "pm", "a", "p", "m", "uhr", "time",
               "last", "modified", "et", "est", "edt", "ct", "cst", "cdt", "mt", "pt", "pst", "pdt", "gmt",
               "utc", "cet", "cest", "bst", "stand", "datum", "veröffentlicht", "aktualisiert", "erschienen",
               "zuletzt", "geändert", "publié", "mis", "à", "jour", "le", "publicado", "actualizado", "el",
               "pubblicato", "aggiornato", "il"}
LABEL = re.compile(r"^\s*([^\W\d_]+)\s*:")
# A publication stamp without a full date ("Published Saturday", "Updated 7:01 p.m. ET Monday").
STAMP = re.compile(r"^(?:published|updated|posted|last updated|first published)\s*:?\s+(?:on\s+)?"
                   r"(?:[\d:.apm ]+(?:a\.m\.|p\.m\.|am|pm)?\s*(?:[A-Z]{2,4}\s+)?)?"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b[^.!?]{0,40}$", re.I)
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@functools.lru_cache(maxsize=16384)
def words(line: str) -> tuple[str, ...]:
    """The words of a line (memoised: every classifier asks for them)."""
    return tuple(WORD.findall(line))


def is_sentence(line: str) -> bool:
    """A report sentence: several words, ends like a sentence, not all capitals."""
    ws = words(line)
    return len(ws) >= 6 and bool(SENTENCE_END.search(line.strip())) and not line.isupper()


def is_navigation(line: str) -> bool:
    """Short lines made mostly of menu words ("Home page politics", "Scroll to Top")."""
    ws = [w.lower() for w in words(line)]
    if not ws or len(ws) > 6 or SENTENCE_END.search(line.strip()) or any(c.isdigit() for c in line):
        return False
    return sum(w in NAV_WORDS for w in ws) / len(ws) >= 0.6


def is_counter(line: str) -> bool:
    return bool(COUNTER.match(line.strip())) and len(line.strip()) <= 30


def is_prompt(line: str) -> bool:
    return len(words(line)) <= 16 and bool(PROMPT.search(line.strip()))


def is_comment_form(line: str) -> bool:
    return len(words(line)) <= 16 and bool(COMMENT_FORM.search(line.strip()))


def is_comment_thread_start(line: str) -> bool:
    return bool(COMMENT_THREAD.match(line.strip()))


PIC_CREDIT = re.compile(r"\((?:[A-Z]{2,}|[A-Z][a-z]+)\s+(?:pic|photo|file photo)\)\s*$")
CREDIT_LABEL = re.compile(r"^(?:photo|picture|image|foto|credit)s?\s*:", re.I)
NAME_SLASH_AGENCY = re.compile(r"([A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){0,3})\s*/\s*([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s*$")


# Wire credit lines at the foot of a story: "(Reporting by A and B; Editing by C)",
# "Associated Press writers A and B contributed to this report."
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?(?:reporting|writing)\s+by\b[^\n]{2,200}?)\)?\s*$"
    r"|^[^\n]{0,80}\b(?:contributed|contributing)\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\.?\s*$",
    re.I)
REPORTERS = re.compile(r"(?:^|;|\()\s*(?:additional\s+)?(?:reporting|writing)\s+by\s+([^;()]+)", re.I)
CONTRIBUTORS = re.compile(r"(?:writers?|correspondents?|reporters?)?\s*(.+?)\s+contributed", re.I)


def credit_line_names(line: str) -> list[str] | None:
    """Reporters named by a wire credit line, or None when the line is not one."""
    text = line.strip()
    if not CREDIT_LINE.match(text) or len(words(text)) > 40:
        return None
    found = REPORTERS.findall(text)
    if not found:
        m = CONTRIBUTORS.search(text)
        found = [re.sub(r"^.*?\b(?:writers?|correspondents?|reporters?)\s+", "", m.group(1))] if m else []
    names: list[str] = []
    for chunk in found:
        for name in re.split(r"\s*(?:,|\band\b|&)\s*", chunk):
            name = re.sub(r"\s+in\s+[A-Z][\w ]+$", "", name.strip(" .)"))  # "Jane Li in Beijing"
            if name and 1 < len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split()):
                names.append(name)
    return names


def has_credit(line: str) -> bool:
    """A photo caption or credit line: a credit mark, or ends in "Name/Agency"."""
    stripped = line.strip()
    if "©" in stripped or PIC_CREDIT.search(stripped) or CREDIT_LABEL.match(stripped):
        return True
    tail = NAME_SLASH_AGENCY.search(stripped)
    return bool(tail) and not SENTENCE_END.search(stripped)


# Aggregator and syndication notices: "This story was automatically generated from a
# syndicated feed", "We take no responsibility for its content", "Originally published at".
AGGREGATOR = re.compile(r"\b(?:automatically (?:aggregated|generated|published|imported)|syndicated (?:feed|content)|"
                        r"(?:we|the publisher) (?:take|takes|accept|accepts) no responsibility|"
                        r"has not been edited by|originally (?:published|appeared) (?:at|on|in)|"
                        r"auto-generated from|is published from a syndicated)\b", re.I)


def is_footer(line: str) -> bool:
    text = line.strip()
    if len(words(line)) <= 8 and FOOTER.search(text):
        return True
    return len(words(line)) <= 40 and bool(AGGREGATOR.search(text))


# Rights notices and redistribution bans ("This material may not be published, broadcast,
# rewritten or redistributed"), wherever they stand in a short line.
# ("© Name/Agency" alone is a photo credit: a caption, see has_credit.)
RIGHTS = re.compile(r"\ball rights reserved\b|\bmay not be (?:re)?(?:published|broadcast|rewritten|redistributed)"
                    r"|^copyright\s+(?:\(c\)\s*|©\s*)?\d{4}\b", re.I)
# "Read or Share this story: https://…": a share prompt carrying the page's own link.
SHARE_LINK = re.compile(r"^(?:read|share|email|tweet|post)\b[^:]{0,30}\b(?:this|the)\s+(?:story|article|post)\s*:"
                        r"\s*\S+$", re.I)
# Social-network embed notices (the location prompt of an embedded post) and video-player
# controls ("CLOSE", "Skip in Skip x Embed x Share", "Replay").
EMBED_NOTICE = re.compile(r"\b(?:tweet|post)s? with a location\b|location information to your tweets"
                          r"|\bskip in skip\b|\bembed x share\b|^(?:close|replay|autoplay|show thumbnails|"
                          r"show captions|(?:last|next|previous) slide)$", re.I)
# Tip lines: a call to action with a phone number ("Anyone with information is asked to
# call Crime Stoppers at 555-0123"; "Text TIPS to 274637").
PHONE = re.compile(r"\(\d{3}\)\s*\d{3}-\d{4}|\b\d{3}[-.]\d{3,4}(?:[-.]\d{4})?\b|\b\d{3,4}-[A-Z]{3,}\b|\b1-8\d\d-\S+")
TIP_CALL = re.compile(r"\b(?:call|text|contact|submit|leave)\w*\b.{0,80}\b(?:tips?|hotline|tip line|crime stoppers|"
                      r"number|information)\b|\btips?\b.{0,40}\b(?:call|text|line)\b|\bwith information\b", re.I)
# Lead-ins of related-story teasers ("RELATED: …", "MORE: …", "Related stories").
RELATED = re.compile(r"^(?:related|more|see also|also|read more|read also|watch|listen|more on this|"
                     r"related (?:stories|articles|coverage|content|links|news)|you (?:may|might) also like|"
                     r"recommended(?: for you)?|more stories|further reading|most (?:read|popular)|trending now|"
                     r"don'?t miss|what to read next)\s*(?::|(?:\.\.\.|…)?\s*$)", re.I)


def is_rights_notice(line: str) -> bool:
    return len(words(line)) <= 30 and bool(RIGHTS.search(line.strip()))


def is_share_link(line: str) -> bool:
    return bool(SHARE_LINK.match(line.strip()))


def is_embed_notice(line: str) -> bool:
    return len(words(line)) <= 60 and bool(EMBED_NOTICE.search(line.strip()))


def is_tip_line(line: str) -> bool:
    return len(words(line)) <= 45 and bool(PHONE.search(line)) and bool(TIP_CALL.search(line))


def is_related_teaser(line: str) -> bool:
    """A related-story lead-in line ("RELATED: Bridge closed after crash")."""
    return len(words(line)) <= 25 and bool(RELATED.match(line.strip()))


def is_stamp(line: str) -> bool:
    """A publication stamp without a full date ("Published Saturday")."""
    return len(words(line)) <= 12 and bool(STAMP.match(line.strip()))


def is_agency_tag(line: str) -> bool:
    return bool(AGENCY_TAG.match(line))


def is_source_tag(line: str) -> bool:
    """An all-caps or short outlet tag followed by a colon on its own line ("FMT:")."""
    return bool(SOURCE_TAG.match(line.strip()))


def is_short_label(line: str) -> bool:
    """A short Title-Case label with no verb-like punctuation (site names, section tags)."""
    ws = words(line)
    stripped = line.strip()
    return (1 <= len(ws) <= 4 and not SENTENCE_END.search(stripped) and not any(c in stripped for c in ",;:\"“”")
            and all(w[:1].isupper() for w in ws))
