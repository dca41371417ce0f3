"""Session-wide fixtures: models load once per test session, never per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The full newsdesk spaCy pipeline (model + our components)."""
    from newsdesk.analyze import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def embedder():
    from newsdesk.nlp_models import embedder as load

    return load()


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    """The reference scrapes shipped beside the project (skipped where absent)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present on this machine")
    return sorted(p for p in SEEDS.iterdir() if p.is_file())
