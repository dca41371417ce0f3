"""Split batch inputs into shards: the unit of work, of output and of resumption.

A shard is a list of parts; a part is one input (a file, or a URL) or a byte range
of a large JSON Lines file (cut at line ends, with the number of its first line so
record sources read ``file.jsonl#line-N`` exactly as ``newsdesk ingest`` names them).
Small files are grouped up to ``shard_files`` files or ``shard_bytes`` bytes per
shard; a JSONL file larger than ``shard_bytes`` is cut into ranges of about that size;
any other file (a WARC, a gzip) is one part, alone in its shard when it is large.
The plan depends only on the inputs and the two limits, so re-planning the same inputs
gives the same shards.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for k in range(3):
...     _ = (folder / f"r{k}.txt").write_text("The ferry sailed at dawn.")
>>> [len(s.parts) for s in plan_shards([str(folder)], shard_files=2)]
[2, 1]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsdesk.ingest import read_inputs
from newsdesk.ingest.files import walk
from newsdesk.ingest.records import read_jsonl
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

SHARD_FILES = 200
SHARD_BYTES = 32 << 20
_SCAN = 1 << 20


@dataclass(frozen=True)
class Part:
    """One input of a shard: ``path`` whole (``end`` < 0), or bytes ``[start, end)`` of
    a JSONL file whose first line there is line ``first_line``; ``problem`` is set for
    an input that could not even be listed (it is quarantined as it is)."""

    path: str
    start: int = 0
    end: int = -1
    first_line: int = 1
    problem: str = ""


@dataclass
class Shard:
    """A shard: its id (``shard-00007-<8 hex>``, from its position and parts) and parts."""

    id: str
    parts: list[Part] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.id, "parts": [asdict(p) for p in self.parts]}

    @classmethod
    def from_json(cls, data: dict) -> Shard:
        return cls(data["id"], [Part(**p) for p in data["parts"]])


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _files(inputs: Iterable[str]) -> Iterator[tuple[str, int, str]]:
    """(path or URL, size in bytes (0 when unknown), problem) for every input file."""
    for item in inputs:
        if _is_url(item):
            yield item, 0, ""
            continue
        path = Path(item)
        found = walk(path) if path.is_dir() else [path]
        for f in found:
            if isinstance(f, InputProblem):
                yield f.source, 0, f.reason
                continue
            try:
                size = f.stat().st_size
            except OSError:
                size = 0
            yield str(f) if path.is_dir() else item, size, ""


def _looks_jsonl(path: str) -> bool:
    """A plain-text JSON Lines file (by its first bytes: an object, then a newline
    before the second object), which can be cut at line ends."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SCAN)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    first, _, rest = head.partition(b"\n")
    return first.startswith(b"{") and rest.lstrip().startswith(b"{")


def jsonl_ranges(path: str, target: int) -> list[Part]:
    """Byte ranges of about ``target`` bytes, each ending after a newline (the last at
    the end of the file), with the line number each starts on."""
    parts: list[Part] = []
    start, line = 0, 1      # the open range: its first byte and line number
    pos, newlines = 0, 0    # bytes and newlines before the current chunk
    with open(path, "rb") as fh:
        while chunk := fh.read(_SCAN):
            offset = 0      # bytes of this chunk already counted
            while (cut := start + target - pos) < len(chunk):
                nl = chunk.find(b"\n", max(cut, offset))
                if nl < 0:
                    break
                newlines += chunk.count(b"\n", offset, nl + 1)
                parts.append(Part(path, start, pos + nl + 1, line))
                start, line, offset = pos + nl + 1, newlines + 1, nl + 1
            newlines += chunk.count(b"\n", offset)
            pos += len(chunk)
    if pos > start or not parts:
        parts.append(Part(path, start, pos, line))
    return parts


def plan_shards(inputs: list[str], shard_files: int = SHARD_FILES, shard_bytes: int = SHARD_BYTES) -> list[Shard]:
    """The shards for these inputs (see the module docstring)."""
    groups: list[list[Part]] = []
    current: list[Part] = []
    size = 0

    def close() -> None:
        nonlocal current, size
        if current:
            groups.append(current)
        current, size = [], 0

    for path, nbytes, problem in _files(inputs):
        if problem:
            current.append(Part(path, problem=problem))
        elif nbytes > shard_bytes and _looks_jsonl(path):
            close()
            groups.extend([r] for r in jsonl_ranges(path, shard_bytes))
        elif nbytes > shard_bytes:
            close()
            groups.append([Part(path)])
        else:
            if current and (len(current) >= shard_files or size + nbytes > shard_bytes):
                close()
            current.append(Part(path))
            size += nbytes
    close()
    shards = []
    for number, parts in enumerate(groups, start=1):
        digest = hashlib.sha1(json.dumps([asdict(p) for p in parts]).encode()).hexdigest()[:8]
        shards.append(Shard(f"shard-{number:05d}-{digest}", parts))
    return shards


def read_part(part: Part, settings: Settings) -> Iterator[Report | InputProblem]:
    """The reports (and problems) of one part, as ``newsdesk ingest`` reads them."""
    if part.problem:
        yield InputProblem(part.path, part.problem)
        return
    if part.end < 0:
        yield from read_inputs([part.path], settings)
        return
    data = _read_range(part)
    if isinstance(data, InputProblem):
        yield data
        return
    for item in read_jsonl(data, part.path):
        # read_jsonl numbers lines from 1 within the range: shift to the file's numbering
        base, sep, number = item.source.rpartition("#line-")
        if sep and number.isdigit():
            item.source = f"{base}#line-{int(number) + part.first_line - 1}"
        yield item


def _read_range(part: Part) -> bytes | InputProblem:
    length = part.end - part.start
    try:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(length)
    except OSError as exc:
        return InputProblem(part.path, f"cannot read: {exc.strerror or exc}")
    if len(data) != length:
        return InputProblem(part.path, f"file changed since the batch was planned (bytes {part.start}-{part.end})")
    return data
