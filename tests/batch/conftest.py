"""Batch fixtures: a small folder of invented reports with bad inputs, and Ray in
local mode on 2 CPUs (started once per session)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

TOWNS = ["Brevik", "Castavia", "Norland", "Kelmar", "Dunholt"]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Five text reports, a binary file and a JSONL file of three records, one broken:
    8 articles and 2 bad inputs."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for k, town in enumerate(TOWNS):
        (folder / f"report-{k}.txt").write_text(
            f"The council of {town} voted on Tuesday to rebuild the harbour wall after the storm of "
            f"March {k + 3}.\n\n\"We cannot wait another winter,\" said mayor Anja Roslund of {town}. "
            f"The work will cost {k + 2} million crowns, the council said.\n", encoding="utf-8")
    (folder / "scan.bin").write_bytes(b"\x00\x01\x02\xff" * 64)
    records = [json.dumps({"title": f"Pier {k} reopens", "url": f"https://gazette.example/pier-{k}",
                           "text": f"The pier at Varnby reopened on Friday after {k + 2} weeks of repairs, "
                                   f"the port authority said."}) for k in range(3)]
    records.insert(1, "{broken record")
    (folder / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def ray_local():
    """Ray on this machine, 2 CPUs, no dashboard; skipped without Ray unless CI=true."""
    try:
        import ray
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("ray is required under CI=true (pip install -e '.[dev]')")
        pytest.skip("ray is not installed (pip install 'newsdesk[ray]')")
    if not ray.is_initialized():
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
