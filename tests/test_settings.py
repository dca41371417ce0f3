"""Settings: defaults, file, environment and overrides in that order; every bad value or
unknown key is one SettingsError naming where it came from."""

from __future__ import annotations

import pytest

from newsdesk.settings import Settings, SettingsError


def test_file_then_environment_then_overrides(tmp_path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[newsdesk]\nmax_bytes = 5000\nworkers = 2\nuser_agent = "Desk bot"\n')
    s = Settings.load(path, env={"NEWSDESK_WORKERS": "3", "NEWSDESK_ANALYZE": "off"}, batch_size=8)
    assert (s.max_bytes, s.workers, s.analyze, s.batch_size, s.user_agent) == (5000, 3, False, 8, "Desk bot")
    assert Settings.load(env={}) == Settings()


def test_config_path_from_environment(tmp_path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("fetch_timeout = 2.5\n")
    assert Settings.load(env={"NEWSDESK_CONFIG": str(path)}).fetch_timeout == 2.5


@pytest.mark.parametrize("env, message", [
    ({"NEWSDESK_MAX_BYTES": "lots"}, "NEWSDESK_MAX_BYTES='lots': Input should be a valid integer"),
    ({"NEWSDESK_BATCH_SIZE": "0"}, "NEWSDESK_BATCH_SIZE='0': Input should be greater than 0"),
    ({"NEWSDESK_FETCH_TIMEOUT": "-1"}, "NEWSDESK_FETCH_TIMEOUT='-1'"),
    ({"NEWSDESK_MAXBYTES": "10"}, "unknown environment variable NEWSDESK_MAXBYTES (did you mean NEWSDESK_MAX_BYTES?)"),
])
def test_bad_environment_values(env, message) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.load(env=env)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_other_newsdesk_variables_are_not_settings() -> None:
    assert Settings.load(env={"NEWSDESK_TEST_PG": "postgresql://x", "NEWSDESK_SCREENSHOTS": "1"}) == Settings()


def test_bad_files(tmp_path) -> None:
    typo = tmp_path / "typo.toml"
    typo.write_text("[newsdesk]\nspacy_modle = 'x'\n")
    with pytest.raises(SettingsError, match=r"unknown setting 'spacy_modle' \(did you mean 'spacy_model'\?\)"):
        Settings.load(typo, env={})
    broken = tmp_path / "broken.toml"
    broken.write_text("workers = [\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Settings.load(broken, env={})
    with pytest.raises(SettingsError, match="does not exist"):
        Settings.load(tmp_path / "absent.toml", env={})
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('workers = "many"\n')
    with pytest.raises(SettingsError, match="wrong.toml: workers='many'"):
        Settings.load(wrong, env={})


def test_replace_validates() -> None:
    assert Settings().replace(workers=4, token=None).workers == 4
    with pytest.raises(SettingsError, match="max_upload_files"):
        Settings().replace(max_upload_files=-1)
    with pytest.raises(SettingsError, match="unknown setting 'worker'"):
        Settings().replace(worker=2)
