"""Only regular files are read, with a byte cap; one bad entry in a folder is one
problem line and never stops, hangs or exhausts the batch (issue 11, item 10)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from newsdesk.ingest import read_inputs
from newsdesk.ingest.files import read_regular, walk
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings

STORY = ("LINDHOLM (Norland Wire) - The ferry operator of Lindholm cancelled all crossings on "
         "Thursday after a storm damaged the pier, harbour master Greta Solberg said.\n")


def _split(items: list) -> tuple[list[str], dict[str, str]]:
    names = [Path(r.source).name for r in items if isinstance(r, Report)]
    problems = {Path(p.source.split("#")[0]).name: p.reason for p in items if isinstance(p, InputProblem)}
    return names, problems


def _read_within(inputs: list[str], settings: Settings, seconds: float = 20) -> list:
    """read_inputs in a thread, failing (instead of hanging the suite) if it blocks."""
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(read_inputs(inputs, settings)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading the inputs blocked"
    return out


def test_fifo_and_device_symlink_are_refused_and_the_rest_is_read(tmp_path) -> None:
    (tmp_path / "a-ferry.txt").write_text(STORY)
    os.mkfifo(tmp_path / "b-pipe.txt")
    (tmp_path / "c-zero.txt").symlink_to("/dev/zero")
    (tmp_path / "d-linked.txt").symlink_to(tmp_path / "a-ferry.txt")
    (tmp_path / "e-dangling.txt").symlink_to(tmp_path / "gone.txt")
    names, problems = _split(_read_within([str(tmp_path)], Settings(max_bytes=100_000)))
    assert names == ["a-ferry.txt", "d-linked.txt"]
    assert "FIFO" in problems["b-pipe.txt"]
    assert "character device" in problems["c-zero.txt"] and "/dev/zero" in problems["c-zero.txt"]
    assert "no such file" in problems["e-dangling.txt"]


def test_device_given_directly_is_refused_without_reading_it() -> None:
    [problem] = _read_within(["/dev/zero"], Settings(max_bytes=1000))
    assert isinstance(problem, InputProblem) and "not a regular file" in problem.reason


def test_read_is_capped_whatever_the_size_claims(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(STORY * 50)
    assert isinstance(read_regular(path, "big.txt", limit=100), InputProblem)
    assert read_regular(path, "big.txt", limit=len(STORY) * 50) == (STORY * 50).encode()


def test_json_nested_5000_deep_is_one_problem_and_the_batch_goes_on(tmp_path) -> None:
    (tmp_path / "a-deep.json").write_text("[" * 5000 + "]" * 5000)
    (tmp_path / "b-deep.jsonl").write_text('{"text": "x"}\n' + '{"a":' * 5000 + "1" + "}" * 5000 + "\n")
    (tmp_path / "c-ferry.txt").write_text(STORY)
    items = _read_within([str(tmp_path)], Settings())
    names, problems = _split(items)
    assert names == ["b-deep.jsonl#line-1", "c-ferry.txt"]
    assert "nested too deeply" in problems["a-deep.json"]
    assert any("nested too deeply" in p.reason for p in items
               if isinstance(p, InputProblem) and p.source.endswith("b-deep.jsonl#line-2"))


def test_a_parser_crash_on_one_file_is_one_line_for_that_file(tmp_path, monkeypatch) -> None:
    import newsdesk.ingest as ingest

    def explode(data: bytes, source: str):  # noqa: ANN202 - a stand-in for a buggy parser
        raise KeyError("entry")
        yield

    monkeypatch.setattr(ingest, "read_feed", explode)
    (tmp_path / "a-feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    (tmp_path / "b-ferry.txt").write_text(STORY)
    names, problems = _split(list(read_inputs([str(tmp_path)], Settings())))
    assert names == ["b-ferry.txt"]
    assert "KeyError" in problems["a-feed.xml"]


def test_unreadable_folder_is_a_problem_not_a_silent_skip(tmp_path, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(STORY)
    (tmp_path / "ferry.txt").write_text(STORY)
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists any folder: make this one fail as it would for a user
        real_scandir = os.scandir

        def scandir(path):  # noqa: ANN001, ANN202
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr("newsdesk.ingest.files.os.scandir", scandir)
    try:
        names, problems = _split(list(read_inputs([str(tmp_path)], Settings())))
    finally:
        locked.chmod(0o755)
    assert names == ["ferry.txt"]
    assert problems == {"locked": "cannot read folder: Permission denied"}


def test_walk_follows_a_symlinked_folder_once_and_survives_a_loop(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ferry.txt").write_text(STORY)
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    (tmp_path / "b").symlink_to(tmp_path / "a")
    found = [p for p in walk(tmp_path)]
    assert [Path(p).name for p in found] == ["ferry.txt"]
