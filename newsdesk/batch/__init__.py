"""Crawl-scale batches: ``newsdesk batch`` turns inputs into Parquet shards (local
processes or a Ray Data pipeline), ``newsdesk load`` bulk-loads the shards into a store.

See ``run`` (the batch), ``shards`` (the output folder), ``plan`` (sharding the
inputs), ``local`` and ``rayengine`` (the engines) and ``newsdesk.store.bulk`` (load).
"""

from newsdesk.batch.run import ENGINES, BatchResult, run_batch

__all__ = ["ENGINES", "BatchResult", "run_batch"]
