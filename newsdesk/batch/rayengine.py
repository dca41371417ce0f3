"""The Ray batch engine: a Ray Data pipeline over the shards.

    shards ──flat_map(read, one light task per shard)──► raw report rows
           ──map_batches(Analyse, actor pool of N, batch_size)──► cleaned articles with
               annotations and vectors (or problem rows)
           ──► this process: rows gathered per shard; a shard is written when all its
               rows (``end`` row's ``total``) have arrived

Each actor of the pool loads spaCy and the embedder once (``Analyse.__init__``) and
runs with one CPU; the read tasks ask for no CPU (they only read and parse
containers), so N actors on N CPUs never starve them. Ray Data shows its own progress bar per operator (read/clean,
analyse); this process counts rows and writes shards. ``address``: ``None`` starts
Ray on this machine, ``"auto"`` joins the local cluster, ``"ray://head:10001"`` a
remote one (its nodes need newsdesk installed and the inputs at the same paths; the
shards are written here). Requires the ``ray`` extra (``pip install newsdesk[ray]``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from newsdesk.batch.local import Count, WriteShard, _plain, chunks, shard_items
from newsdesk.batch.plan import Shard
from newsdesk.batch.rows import analyse_rows, clean_report_rows, end_row, report_rows, to_table
from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings


class RayMissing(NewsdeskError):
    """``--engine ray`` without Ray installed."""


def _read(item: dict[str, Any], settings: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One shard's inputs as raw report (and problem) rows, then its ``end`` row (a Ray task)."""
    shard = Shard.from_json(json.loads(item["shard"]))
    plain = Settings(**settings)
    seen = 0
    for chunk in chunks(shard_items(shard, plain), 32):
        seen = chunk[-1][0] + 1
        yield from report_rows(shard.id, chunk)
    yield end_row(shard.id, seen)


class Analyse:
    """A Ray actor: models loaded once, then cleaning, analysis and vectors for each batch of rows."""

    def __init__(self, settings: dict[str, Any]) -> None:
        from newsdesk.engine import _pipeline
        from newsdesk.nlp_models import embedder

        self.settings = Settings(**settings)
        _pipeline(self.settings.spacy_model)
        embedder()

    def __call__(self, batch: Any) -> Any:  # pyarrow.Table -> pyarrow.Table
        rows = clean_report_rows(batch.to_pylist(), self.settings)
        return to_table(analyse_rows(rows, self.settings))


def connect(address: str | None, num_cpus: int | None = None) -> None:
    """Start or join Ray (once per process)."""
    try:
        import ray
    except ImportError as exc:
        raise RayMissing("--engine ray needs Ray: pip install 'newsdesk[ray]'") from exc
    if ray.is_initialized():
        return
    if address is None:  # a Ray of our own on this machine
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if num_cpus:
            kwargs["num_cpus"] = num_cpus
        ray.init(**kwargs)
    else:  # an existing cluster sets its own resources and dashboard
        ray.init(address=address)


def run_ray(shards: list[Shard], settings: Settings, write: WriteShard, count: Count,
            address: str | None = None, bars: bool = False) -> None:
    """Work through ``shards`` on Ray; ``write(shard_id, rows)`` once per shard (in the
    order they complete); ``count(stage, n)`` as rows arrive here."""
    connect(address)
    import ray
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = bars
    context.print_on_execution_start = bars
    plain = _plain(settings)
    items = [{"shard": json.dumps(s.to_json())} for s in shards]
    ds = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
    ds = ds.flat_map(_read, fn_kwargs={"settings": plain}, num_cpus=0,
                     compute=ray.data.TaskPoolStrategy(size=max(1, settings.workers)))
    ds = ds.map_batches(Analyse, fn_constructor_kwargs={"settings": plain}, batch_size=settings.batch_size,
                        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=settings.workers),
                        num_cpus=1)
    waiting: dict[str, list[dict[str, Any]]] = defaultdict(list)
    totals: dict[str, int] = {}
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        for r in batch.to_pylist():
            shard = r["shard"]
            waiting[shard].append(r)
            if r["kind"] == "end":
                totals[shard] = r["total"]
            else:
                count("read", 1)
                count("analyse", int(r["kind"] == "article"))
            if len(waiting[shard]) == totals.get(shard, -1):
                write(shard, waiting.pop(shard))
    if waiting:
        raise NewsdeskError(f"Ray returned {len(waiting)} shards incomplete: {sorted(waiting)[:3]}")
