"""Files and folders → bytes, defensively: only regular files are read (never FIFOs,
devices or sockets), symlinks are resolved and the target checked, reads stop at a byte
cap, and a folder that cannot be listed is a problem, never a silent skip.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("The ferry sailed.")
>>> [p.name for p in walk(folder)]
['a.txt']
>>> read_regular(folder / "a.txt", "a.txt", limit=100)
b'The ferry sailed.'
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from newsdesk.model import InputProblem

_CHUNK = 1 << 20
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _oserror(shown: str, exc: OSError) -> InputProblem:
    if isinstance(exc, PermissionError):
        return InputProblem(shown, "permission denied")
    if exc.errno == errno.ELOOP:
        return InputProblem(shown, "symlink loop")
    if isinstance(exc, FileNotFoundError):
        return InputProblem(shown, "no such file or directory (or a dangling symlink)")
    return InputProblem(shown, f"cannot read: {exc.strerror or exc}")


def read_regular(path: Path, shown: str, limit: int) -> bytes | InputProblem:
    """The bytes of ``path`` if it is (or links to) a regular file of at most ``limit``
    bytes; otherwise one InputProblem saying why. Never blocks on a FIFO and never reads
    more than ``limit + 1`` bytes, whatever the file claims its size is.
    """
    try:
        real = path.resolve(strict=True)
        before = os.stat(real)
    except OSError as exc:
        return _oserror(shown, exc)
    except RuntimeError:  # Path.resolve on a symlink loop (older Pythons)
        return InputProblem(shown, "symlink loop")
    if not stat.S_ISREG(before.st_mode):
        return InputProblem(shown, f"not a regular file ({_kind(before.st_mode)}{_target(path, real)})")
    if before.st_size > limit:
        return InputProblem(shown, f"larger than {limit} bytes ({before.st_size} bytes)")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, open must not hang
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return _oserror(shown, exc)
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            return InputProblem(shown, "file changed while it was being opened")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        return _oserror(shown, exc)
    finally:
        os.close(fd)
    if total > limit:
        return InputProblem(shown, f"larger than {limit} bytes (grew while being read)")
    return b"".join(chunks)


def _target(path: Path, real: Path) -> str:
    return f", symlink to {real}" if path.is_symlink() else ""


def walk(root: Path) -> Iterator[Path | InputProblem]:
    """Files below ``root``, recursively: a folder's files first, then its subfolders,
    each sorted by name; hidden names (".x") skipped. Symlinked folders are followed
    once (a link back to an ancestor is not a loop); a folder that cannot be listed
    yields one InputProblem.
    """
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[Path | InputProblem]:
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in seen:
                return
            seen.add(key)
            with os.scandir(folder) as listing:
                entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield InputProblem(str(folder), f"cannot read folder: {exc.strerror or exc}")
            return
        folders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(Path(entry.path))
            else:
                yield Path(entry.path)
        for sub in folders:
            yield from visit(sub)

    yield from visit(root)
