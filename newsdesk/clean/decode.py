"""Bytes → repaired Unicode text, before any offset is computed.

charset-normalizer guesses encodings that nobody declared; ftfy repairs mojibake
("â€™" → "’") while keeping curly quotes as they are (they carry quote boundaries).
"""

from __future__ import annotations

import codecs
import re

import ftfy
import ftfy.badness
from charset_normalizer import from_bytes

from newsdesk.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, fix_line_breaks=True,
                             normalization="NFC", explain=False)
# UTF-8 read as Latin-1/cp1252 leaves a lead character (Â..ï) before a continuation
# character (C1 controls, Latin-1 punctuation or the cp1252 extras): a cheap test that
# decides whether ftfy needs to look at all.
MOJIBAKE_HINT = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                           "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def repair(text: str) -> str:
    """Mojibake and Unicode repair (ftfy), curly quotes kept; line breaks normalised."""
    if not text.isascii() and MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
        text = ftfy.fix_text(text, config=_FTFY)
    return text.replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes | str, source: str, declared: str | None = None, fix: bool = True) -> str:
    """Decode (BOM, declared/meta charset, UTF-8, then detection) and repair the text
    (``fix=False`` leaves repair to the caller: HTML is repaired after extraction, which
    is many times cheaper than running ftfy over the markup).

    >>> decode("It\\u00e2\\u20ac\\u2122s “fine”".encode("utf-8"), "x")
    'It’s “fine”'
    """
    if isinstance(data, str):
        text = data
    else:
        text = None
        for bom, enc in _BOMS:
            if data.startswith(bom):
                text = _try(data, enc)
                break
        if text is None and not data.isascii():
            # Valid UTF-8 with non-ASCII bytes is almost never another encoding, while
            # declared charsets are often wrong ("ISO-8859-1" over UTF-8 bytes): it wins.
            text = _try(data, "utf-8")
        if text is None:
            meta = _META_CHARSET.search(data[:4096])
            text = (_try(data, declared) or _try(data, meta.group(1).decode("ascii", "ignore") if meta else None)
                    or _try(data, "utf-8"))
        if text is None:
            best = from_bytes(data).best()
            if best is None or best.encoding is None:
                raise InputError(source, "could not decode: no text encoding fits these bytes")
            text = str(best)
    if fix:
        text = repair(text)
    if "\ufffd" in text and text.count("\ufffd") > max(5, len(text) // 50):
        raise InputError(source, "could not decode: too many undecodable characters")
    return text
