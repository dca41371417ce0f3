"""``newsdesk watch``: keep reading folders and feeds, and keep the stories current.

Each check (every ``settings.watch_interval`` seconds):

1. folders: files that are new or changed since the last check (by size and mtime;
   a file still being written, changed in the last second, waits for the next check);
2. feeds: a conditional GET of each feed, new entries only (``ingest.feedpoll``);
3. ingest and analyse them, put each article into a story (``storystream``);
4. rebuild the dossiers of the stories whose inputs changed (stale ones), from the
   stored per-article work.

Nothing is lost or read twice across a restart (also after a kill): a file is skipped
when its path and content hash are stored, a feed entry when its id is stored (it is
recorded after its article is), and articles stored but not yet placed in a story, or
stories whose dossier is stale, are taken up by the next check.

>>> Watcher(["inbox"], [], store, Settings()).check()   # doctest: +SKIP
Check(files=3, entries=0, new=3, stories=[4], dossiers=[4], problems=[])
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk import service
from newsdesk.errors import FetchError, NewsdeskError
from newsdesk.ingest.feedpoll import poll_feed
from newsdesk.model import InputProblem, Report
from newsdesk.settings import Settings
from newsdesk.store import Store

log = logging.getLogger(__name__)
SETTLE_S = 1.0      # a file changed more recently than this may still be being written
SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", "~", ".swp")


@dataclass
class Check:
    """What one check did: files and feed entries read, articles new, stories that
    gained articles, dossiers rebuilt, and the inputs that failed."""

    files: int = 0
    entries: int = 0
    new: int = 0
    stories: list[int] = field(default_factory=list)
    dossiers: list[int] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


class Watcher:
    """Watches ``paths`` (files or folders, recursively) and ``feeds`` (URLs) for
    ``store``; :meth:`check` once, or :meth:`run` until a stop event is set."""

    def __init__(self, paths: list[str], feeds: list[str], store: Store, settings: Settings,
                 on_check: Callable[[Check], None] | None = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.feeds = list(dict.fromkeys(feeds))
        self.store = store
        self.settings = settings
        self.on_check = on_check
        self._seen: dict[Path, tuple[int, int]] = {}

    def new_files(self) -> list[Path]:
        """Files under the watched paths that are new or changed since last seen and
        have settled, in path order."""
        now = time.time()
        found: list[Path] = []
        for root in self.paths:
            files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
            for path in files:
                if path.name.startswith(".") or path.name.endswith(SKIP_SUFFIXES) or not path.is_file():
                    continue
                try:
                    st = path.stat()
                except OSError:
                    continue
                if now - st.st_mtime < SETTLE_S:
                    continue
                if self._seen.get(path) != (st.st_mtime_ns, st.st_size):
                    found.append(path)
        return found

    def _files(self, check: Check) -> list[str]:
        files = self.new_files()
        if not files:
            return []
        result = service.ingest([str(f) for f in files], self.store, self.settings)
        for f in files:
            st = f.stat()
            self._seen[f] = (st.st_mtime_ns, st.st_size)
        check.files, check.new = len(files), check.new + result.new
        check.problems += result.problems
        check.stories += result.stories
        return result.article_ids

    def _feed(self, url: str, check: Check) -> None:
        etag, modified = self.store.feed_state(url)
        try:
            poll = poll_feed(url, self.settings, self.store.seen_entries(url), etag, modified)
        except FetchError as exc:
            check.problems.append(InputProblem(url, exc.reason))
            return
        reports = [e.item for e in poll.entries if isinstance(e.item, Report)]
        check.problems += [e.item for e in poll.entries if isinstance(e.item, InputProblem)]
        if reports:
            result = service.ingest_reports(reports, self.store, self.settings)
            check.new += result.new
            check.problems += result.problems
            check.stories += result.stories
        for entry in poll.entries:
            source = entry.item.source
            stored = self.store.has_source(source) if isinstance(entry.item, Report) else None
            if stored or isinstance(entry.item, InputProblem):
                self.store.mark_entry(url, entry.entry_id, stored)
        check.entries += len(poll.entries)
        self.store.save_feed_state(url, poll.etag, poll.last_modified)

    def check(self) -> Check:
        """One pass over folders and feeds; then the stories and their dossiers."""
        check = Check()
        self._files(check)
        for url in self.feeds:
            self._feed(url, check)
        check.stories = list(dict.fromkeys(check.stories + service.cluster_stored(self.store)))
        check.dossiers = self.refresh_dossiers()
        if self.on_check:
            self.on_check(check)
        return check

    def refresh_dossiers(self) -> list[int]:
        """Rebuild every stale dossier of a story with articles; returns their ids."""
        done = []
        for story in self.store.list_stories():
            if story.dossier_stale and story.article_ids:
                try:
                    service.refresh_story_dossier(self.store, story.id, self.settings)
                    done.append(story.id)
                except NewsdeskError as exc:
                    log.warning("dossier of story %s: %s", story.id, exc)
        return done

    def run(self, stop: threading.Event, interval: float | None = None) -> int:
        """Check until ``stop`` is set (between checks, or while waiting); returns the
        number of checks made. A failing check is logged and the next one goes on."""
        interval = self.settings.watch_interval if interval is None else interval
        checks = 0
        while not stop.is_set():
            try:
                self.check()
            except NewsdeskError as exc:
                log.error("check failed: %s", exc)
            checks += 1
            stop.wait(interval)
        return checks
