"""JSON and JSONL records → Reports, with the documented field mapping (README)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsdesk.clean.meta import host_of
from newsdesk.model import InputProblem, Report

TEXT_FIELDS = ("text", "content", "body", "article", "maintext", "article_body", "articleBody")
HTML_FIELDS = ("html", "raw_html", "content_html", "raw_content")
FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "published": ("published", "date", "date_publish", "datePublished", "pubDate", "published_at", "pub_date"),
    "updated": ("updated", "date_modify", "dateModified", "modified", "updated_at"),
    "authors": ("authors", "author", "byline", "creator"),
    "outlet": ("outlet", "source", "domain", "site_name", "publisher", "source_domain"),
    "language": ("language", "lang"),
}


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(v.get("name", "") if isinstance(v, dict) else v).strip() for v in value if v]
    if isinstance(value, dict) and value.get("name"):
        return [str(value["name"])]
    return []


FREE_FIELDS = ("isAccessibleForFree", "is_accessible_for_free")
PAYWALL_FIELDS = ("paywall", "paywalled", "partial", "is_partial", "truncated")


def _partial(record: dict[str, Any]) -> str | None:
    """Why the record's text is only part of its article (schema.org's
    ``isAccessibleForFree: false``, a paywall or truncation flag), or None."""
    for name in FREE_FIELDS:
        value = record.get(name)
        if value is False or (isinstance(value, str) and value.strip().lower() == "false"):
            return f"paywall: the record marks the article as not free to read ({name}: false)"
    for name in PAYWALL_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip() and value.strip().lower() not in ("false", "0", "no"):
            return value.strip() if len(value) > 5 else f"the record marks its text as partial ({name}: {value})"
        if value is True:
            return f"the record marks its text as partial ({name}: true)"
    return None


def record_to_report(record: Any, source: str) -> Report | InputProblem:
    """One JSON object → a Report (HTML preferred when both HTML and text are given)."""
    if not isinstance(record, dict):
        return InputProblem(source, f"record is a JSON {type(record).__name__}, not an object")
    html = _first(record, HTML_FIELDS)
    body = _first(record, TEXT_FIELDS)
    if not isinstance(html, str) and not isinstance(body, str):
        return InputProblem(source, "record has no text or html field (looked for "
                            + ", ".join(TEXT_FIELDS[:5] + HTML_FIELDS[:3]) + ")")
    meta: dict[str, Any] = {}
    for key, names in FIELDS.items():
        value = _first(record, names)
        if value is None:
            continue
        if key == "authors":
            meta[key] = _authors(value)
        elif isinstance(value, dict):
            value = value.get("name") or value.get("title")
            if value:
                meta[key] = str(value)
        else:
            meta[key] = str(value)
    partial = _partial(record)
    if partial:
        meta["partial"] = partial
    if "outlet" not in meta and meta.get("url"):
        meta["outlet"] = host_of(meta["url"])
    if isinstance(html, str):
        return Report(source, html, "html", meta)
    return Report(source, body, "text", meta)


def read_json(data: bytes, source: str) -> Iterator[Report | InputProblem]:
    """A JSON document: one object, or an array of objects."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield InputProblem(source, f"JSON is not UTF-8: {exc.reason} at byte {exc.start}")
        return
    except json.JSONDecodeError as exc:
        yield InputProblem(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    except RecursionError:
        yield InputProblem(source, "JSON nested too deeply to parse")
        return
    if isinstance(doc, list):
        for i, item in enumerate(doc, start=1):
            yield record_to_report(item, f"{source}#item-{i}")
    elif isinstance(doc, dict) and isinstance(doc.get("articles"), list) and not _first(doc, TEXT_FIELDS):
        for i, item in enumerate(doc["articles"], start=1):
            yield record_to_report(item, f"{source}#item-{i}")
    else:
        yield record_to_report(doc, source)


def read_jsonl(data: bytes, source: str) -> Iterator[Report | InputProblem]:
    """JSON Lines: one record per line; a bad line is one problem, the rest go on."""
    for number, line in enumerate(data.decode("utf-8-sig", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#line-{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield InputProblem(where, "JSON nested too deeply to parse")
            continue
        yield record_to_report(record, where)
