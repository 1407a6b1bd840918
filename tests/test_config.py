"""Settings from the environment and .env: every setting read, mistakes explained, the token hidden."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError


def test_every_setting_is_read(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text('# comment\nexport DISCORD_TOKEN="abc.def"  # the bot\nDEV_GUILD_ID=42\nMOD_ROLE_IDS=1, 2;3\n'
                   "MOD_GUILD_IDS=5\n"
                   "MOD_LOG_CHANNEL_ID=7\nASK_CHANNEL_IDS=8\nKNOWLEDGE_DIR=kb\nDATA_DIR=d  # where data goes\n"
                   "LOG_LEVEL=debug\nSHARD_COUNT=auto\nAPPLICATION_ID=99\n", encoding="utf-8")
    settings = Settings.from_env({}, env)
    assert settings.discord_token == "abc.def" and settings.has_token
    assert (settings.dev_guild_id, settings.mod_log_channel_id, settings.application_id) == (42, 7, 99)
    assert settings.mod_role_ids == {1, 2, 3} and settings.ask_channel_ids == {8}
    assert settings.mod_guild_ids == {5} and settings.moderating_guilds == {5, 42}
    assert (settings.knowledge_dir, settings.data_dir) == (Path("kb"), Path("d"))
    assert settings.log_level == "DEBUG"
    assert settings.sharded and settings.shard_count == 0


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("LOG_LEVEL=DEBUG\n", encoding="utf-8")
    assert Settings.from_env({"LOG_LEVEL": "ERROR"}, env).log_level == "ERROR"


def test_the_token_never_shows_in_repr() -> None:
    assert "secret" not in repr(Settings(discord_token="secret"))


@pytest.mark.parametrize(("environ", "named"), [
    ({"DEV_GUILD_ID": "my server"}, "DEV_GUILD_ID"),
    ({"MOD_ROLE_IDS": "1,mods"}, "MOD_ROLE_IDS"),
    ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
    ({"SHARD_COUNT": "many"}, "SHARD_COUNT"),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
    ({"DEV_GUILD_ID": "²"}, "DEV_GUILD_ID"),
])
def test_a_bad_setting_names_itself_and_the_fix(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(environ, None)


TOKEN = "MTAxNjAwMDAwMDAwMDAwMDAw.GaBcDe.PROBESECRETPROBESECRET12345"


@pytest.mark.parametrize("name", ["APPLICATION_ID", "DEV_GUILD_ID", "MOD_LOG_CHANNEL_ID", "MOD_ROLE_IDS",
                                  "MOD_GUILD_IDS", "ASK_CHANNEL_IDS", "LOG_LEVEL", "LOG_FORMAT", "SHARD_COUNT"])
def test_a_token_pasted_into_another_setting_is_never_echoed(name: str) -> None:
    with pytest.raises(SettingsError, match=name) as refused:
        Settings.from_env({name: f"123,{TOKEN}" if name.endswith("_IDS") else TOKEN}, None)
    message = str(refused.value)
    assert all(part not in message for part in TOKEN.split(".")), message
    assert "looks like a bot token" in message and "DISCORD_TOKEN" in message


@pytest.mark.parametrize(("environ", "shape"), [
    ({"APPLICATION_ID": "hunter2-is-my-password"}, "22 characters: digits and letters and other characters"),
    ({"MOD_ROLE_IDS": "1, s3cr3t"}, "6 characters: digits and letters"),
    ({"LOG_LEVEL": "sk-live-abc"}, "11 characters: letters and other characters"),
])
def test_a_bad_value_is_described_not_shown(environ: dict[str, str], shape: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(environ, None)
    message = str(refused.value)
    assert shape in message and "not shown" in message
    value = next(iter(environ.values())).split(",")[-1].strip()
    assert value.casefold() not in message.casefold(), message


def test_a_broken_env_line_names_file_and_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("GOOD=1\nthis is not a setting\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\.env:2: expected KEY=value"):
        Settings.from_env({}, env)


@pytest.mark.parametrize("line", ['DISCORD_TOKEN="abc', "DISCORD_TOKEN='abc"])
def test_an_unclosed_quote_is_named_as_such(tmp_path: Path, line: str) -> None:
    env = tmp_path / ".env"
    env.write_text(f"GOOD=1\n{line}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\.env:2: a quoted value has no closing quote") as refused:
        Settings.from_env({}, env)
    assert "abc" not in str(refused.value), "the line may hold the token: it is named, never shown"


def test_env_files_follow_python_dotenv_rules(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(textwrap.dedent("""\
        DISCORD_TOKEN='a#b'
        MOD_LOG_CHANNEL_ID="7" # the log
        ASK_CHANNEL_IDS="1,
        2"
        BASE=/srv
        export DATA_DIR=${BASE}/data
        """), encoding="utf-8")
    settings = Settings.from_env({}, env)
    assert settings.discord_token == "a#b"
    assert settings.mod_log_channel_id == 7
    assert settings.ask_channel_ids == {1, 2}, "a quoted value may span lines"
    assert settings.data_dir == Path("/srv/data"), "${VAR} expands"


def test_a_key_without_a_value_is_refused_with_its_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("LOG_LEVEL=INFO\n\n# a comment\nDISCORD_TOKEN\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\.env:4: expected KEY=value"):
        Settings.from_env({}, env)


def test_env_example_documents_every_setting() -> None:
    from tests.conftest import ROOT

    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in ("DISCORD_TOKEN", "APPLICATION_ID", "DEV_GUILD_ID", "MOD_GUILD_IDS", "MOD_ROLE_IDS",
                 "MOD_LOG_CHANNEL_ID", "ASK_CHANNEL_IDS", "KNOWLEDGE_DIR", "DATA_DIR", "LOG_LEVEL", "LOG_FORMAT",
                 "SHARD_COUNT"):
        line = f"\n# {name}=" if name in ("KNOWLEDGE_DIR", "DATA_DIR") else f"\n{name}="
        assert line in text
        assert text.split(line)[0].rstrip().splitlines()[-1].startswith("#"), f"{name} needs a comment"
    assert "DISCORD_TOKEN=\n" in text, "no secret in the example"


def test_a_copy_of_env_example_leaves_every_default_as_its_comments_say(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`cp .env.example .env` changes nothing until a value is filled in: the folders stay the shipped story and
    the user's data folder (the example shows them commented out), the rest as their defaults."""
    from tests.conftest import ROOT

    monkeypatch.setattr("bot.config.default_data_dir", lambda: tmp_path / "user-data")
    env = tmp_path / ".env"
    env.write_text((ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")
    assert Settings.from_env({}, env) == Settings(data_dir=tmp_path / "user-data", env_file=env)


def test_the_folders_shown_in_env_example_work_when_uncommented(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = Settings.from_env({"DATA_DIR": "~/.local/share/storybot", "KNOWLEDGE_DIR": "~/kb"}, None)
    assert (settings.data_dir, settings.knowledge_dir) == (tmp_path / ".local/share/storybot", tmp_path / "kb")


def test_data_and_cache_default_to_the_platform_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs: XDG folders on Linux (asserted here), Library/ on macOS, AppData on Windows."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    settings = Settings.from_env({}, None)
    assert settings.data_dir == tmp_path / "share" / "storybot"
    assert settings.cache_dir == tmp_path / "cache" / "storybot"
    assert Settings().data_dir == tmp_path / "share" / "storybot"
    assert Settings.from_env({"DATA_DIR": "mine"}, None).data_dir == Path("mine")


def test_an_env_file_that_is_not_utf8_names_itself_and_the_fix(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes(b"DISCORD_TOKEN=caf\xe9\n")
    with pytest.raises(SettingsError, match=r"\.env: not UTF-8 text — save it as UTF-8") as raised:
        Settings.from_env({}, env)
    assert "caf" not in str(raised.value)


def test_an_env_folder_names_itself_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / ".env").mkdir()
    with pytest.raises(SettingsError, match=r"\.env is a folder — "):
        Settings.from_env({}, tmp_path / ".env")


@pytest.mark.parametrize("make", ["not utf-8", "folder"])
def test_a_bad_env_file_is_a_setting_error_not_a_traceback(make: str, tmp_path: Path) -> None:
    from tests.terminal.test_ask_command import run_bot

    if make == "folder":
        (tmp_path / ".env").mkdir()
    else:
        (tmp_path / ".env").write_bytes(b"DISCORD_TOKEN=s3cr\xe9t\n")
    done = run_bot("check", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "s3cr" not in done.stderr + done.stdout
    assert done.stderr.startswith("storybot check: setting error: .env") and len(done.stderr.splitlines()) == 1


def test_a_data_dir_that_is_not_a_folder_is_named_in_one_sentence(tmp_path: Path) -> None:
    from bot.config import data_dir_problem

    a_file = tmp_path / "afile"
    a_file.write_text("", encoding="utf-8")
    assert data_dir_problem(tmp_path) is None and data_dir_problem(tmp_path / "new" / "deeper") is None
    assert data_dir_problem(Path("/dev/null")) == "DATA_DIR /dev/null is not a folder — point --data at a folder"
    assert data_dir_problem(a_file) == f"DATA_DIR {a_file} is not a folder — point --data at a folder"
    assert data_dir_problem(a_file / "sub") == (f"DATA_DIR {a_file / 'sub'} can't be made: {a_file} is not a folder "
                                                "— point --data at a folder")


@pytest.mark.parametrize("token", [f"Bot {TOKEN}", f"{TOKEN} {TOKEN}", f"{TOKEN}\tcopied"],
                         ids=["a Bot prefix", "pasted twice", "a tab and more"])
def test_a_token_with_a_space_in_it_is_refused_before_discord_refuses_it(token: str) -> None:
    with pytest.raises(SettingsError, match="DISCORD_TOKEN") as refused:
        Settings.from_env({"DISCORD_TOKEN": token}, None)
    message = str(refused.value)
    assert "no 'Bot ' before it" in message
    assert all(part not in message for part in TOKEN.split(".")), message


def test_a_token_with_spaces_only_around_it_is_read_as_the_token() -> None:
    assert Settings.from_env({"DISCORD_TOKEN": f"  {TOKEN}\n"}, None).discord_token == TOKEN
