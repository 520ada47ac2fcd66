"""Platforms as data: the shipped lookups, a user's extension (Mastodon), bad files, no work at import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimkit import Analyzer
from claimkit.cli import app
from claimkit.config import ENV_PLATFORMS
from claimkit.errors import PlatformsError
from claimkit.platforms import builtin_platforms, load_platforms

ROOT = Path(__file__).resolve().parent.parent
MASTODON = {
    "platforms": [{
        "name": "Mastodon",
        "aliases": ["mastodon", "mastodon.social"],
        "accounts": ["mastodonengineering", "mastodon support"],
        "executives": [{"name": "Eugen Rochko", "title": "founder"}],
    }],
    "nominals": ["the decentralised network"],
}
TEXT = "Many users lost followers this week. Mastodon said the missing followers were spam accounts.\n"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (ENV_PLATFORMS, "CLAIMKIT_STANCE_BACKEND", "CLAIMKIT_TAXONOMY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def mastodon_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("platforms") / "mastodon.json"
    path.write_text(json.dumps(MASTODON), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("@TwitterSupport", "Twitter"),
        ("A Twitter spokesperson", "Twitter"),
        ("Adam Mosseri", "Instagram"),
        ("the X Safety team", "X"),
        ("ig", "Instagram"),
        ("Lena Park", None),
        ("Mastodon", None),
    ],
)
def test_shipped_names_and_accounts(name, platform):
    assert builtin_platforms().of_name(name) == platform


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("I left Twitter for Bluesky.", ["Twitter", "Bluesky"]),
        ("Posting on X and on x.com", ["X", "X"]),  # capital X alone, and the domain
        ("the x factor on fb", ["Facebook"]),  # a lower-case x is no platform
    ],
)
def test_platform_mentions_in_running_text(text, mentions):
    assert [m[0] for m in builtin_platforms().mentions(text)] == mentions


def test_x_and_twitter_are_one_voice():
    platforms = builtin_platforms()
    assert platforms.voice("Elon Musk", "Twitter") == "Twitter"
    assert platforms.voice("Twitter Support", "X") == "X"
    assert platforms.voice("Adam Mosseri", "Twitter") == "Instagram"


def test_a_user_platform_extends_the_shipped_ones():
    platforms = load_platforms(MASTODON)
    assert platforms.of_name("@MastodonEngineering") == "Mastodon"
    assert platforms.of_name("a Mastodon spokesperson") == "Mastodon"
    assert platforms.of_name("Eugen Rochko") == "Mastodon" and platforms.is_executive("Eugen Rochko")
    assert platforms.is_anaphor("the decentralised network") and platforms.is_anaphor("the company")
    assert platforms.detect("Mastodon, mastodon.social and Twitter") == "Mastodon"
    assert platforms.of_name("@TwitterSupport") == "Twitter"  # the shipped data is kept
    assert builtin_platforms().of_name("Mastodon") is None  # and not changed


def test_a_known_platform_gets_new_accounts():
    platforms = load_platforms({"platforms": [{"name": "Bluesky", "accounts": ["safety.bsky.app"]}]})
    assert platforms.of_name("@safety.bsky.app") == "Bluesky" and platforms.of_name("bluesky") == "Bluesky"


def test_mastodon_said_is_a_platform_statement_through_the_api(analyzer, mastodon_file):
    extended = Analyzer(stance_backend="rules", platforms=mastodon_file)
    result = extended.analyze(TEXT)
    said = next(s for s in result.statements if s.speaker == "Mastodon")
    assert said.role == "platform" and result.platform == "Mastodon"
    assert result.explanation("bot_spam_purge").official_position == "endorsed"
    shipped = next(s for s in analyzer.analyze(TEXT).statements if s.speaker == "Mastodon")
    assert shipped.role == "third_party"


@pytest.mark.parametrize("how", ["option", "env"])
def test_mastodon_said_is_a_platform_statement_from_the_cli(monkeypatch, tmp_path, mastodon_file, how):
    doc = tmp_path / "masto.txt"
    doc.write_text(TEXT, encoding="utf-8")
    if how == "env":
        monkeypatch.setenv(ENV_PLATFORMS, str(mastodon_file))
    result = run("extract", doc, "-f", "json", *(["--platforms", mastodon_file] if how == "option" else []))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert ("Mastodon", "platform") in {(s["speaker"], s["role"]) for s in data["statements"]}
    assert data["platform"] == "Mastodon"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"platforms": {}}', "platforms: expected an array of platforms, found an object"),
        ('{"platforms": [{"aliases": ["m"]}]}', "platforms[0].name: expected the platform's name, found None"),
        ('{"platforms": [{"name": "M", "aliases": "m"}]}', "platforms[0].aliases: expected an array of non-empty strings"),
        ('{"platforms": [{"name": "M", "executives": [{"title": "ceo"}]}]}',
         'platforms[0].executives[0]: expected {"name": "...", "title": "..."}'),
        ('{"platforms": [{"name": "M", "handles": ["m"]}]}', "platforms[0]: unknown key(s) 'handles'"),
        ('{"nominals": "the network"}', "nominals: expected an array of non-empty strings, found a string"),
    ],
)
def test_a_malformed_file_is_one_line_naming_it(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = run("extract", doc, "--platforms", path)
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = [l for l in result.stderr.splitlines() if l.strip()]
    assert line.startswith(f"claimkit: error: [E304] {path}: ") and message in line


def test_a_missing_file_is_a_platforms_error(tmp_path):
    with pytest.raises(PlatformsError, match="no such platforms file"):
        load_platforms(tmp_path / "nope.json")


def test_nothing_is_compiled_at_import():
    code = (
        "import claimkit, claimkit.pipeline, claimkit.attribute, claimkit.claims, claimkit.align, "
        "claimkit.lexicon.platforms; from claimkit.platforms import builtin_platforms; "
        "print(builtin_platforms.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "0"


def test_platform_data_pickles_for_another_process():
    import pickle

    copy = pickle.loads(pickle.dumps(load_platforms(MASTODON)))
    assert copy.of_name("@MastodonEngineering") == "Mastodon" and copy.detect("on X today") == "X"


RELAYED = ("Many users lost followers this week. According to Spoutible, Christopher Bouzy announced "
           "that the missing followers were spam accounts.\n")


def test_the_relay_check_uses_the_analyzers_platforms(analyzer, tmp_path):
    """An outlet that relays a named speaker is only the relay; a user's platform speaks for itself."""
    path = tmp_path / "spoutible.json"
    path.write_text(json.dumps({"platforms": [{"name": "Spoutible", "aliases": ["spoutible"]}]}), encoding="utf-8")
    shipped = [(s.speaker, s.role) for s in analyzer.analyze(RELAYED).statements if s.role != "reporter"]
    assert shipped == [("Christopher Bouzy", "third_party")]
    extended = Analyzer(stance_backend="rules", platforms=path)
    assert [(s.speaker, s.role) for s in extended.analyze(RELAYED).statements if s.role != "reporter"] == [
        ("Spoutible", "platform")
    ]


# --------------------------------------------------------------------------- the substring screen of `mentions`

def test_the_fold_lowers_every_character_re_matches_to_an_ascii_character():
    """`re.IGNORECASE` matches a text character to an ASCII one only when `fold` turns it into that one."""
    import re
    import string

    from claimkit.screens import fold

    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    for char in string.printable:
        matched = {m.group() for m in re.finditer("(?i)" + re.escape(char), every)}
        assert {t for t in matched if fold(t) != char.lower()} == set(), char


def _unscreened(platforms, text):
    """Every expression run on the text, as `mentions` did before it screened them."""
    found = [(c, m.start(), m.end()) for c, _, rx in platforms._text_res for m in rx.finditer(text)]
    found += [(c, m.start(), m.end()) for c, _, rx in platforms._exact_res for m in rx.finditer(text)]
    return sorted(found, key=lambda item: item[1])


_PIECES = ["Twitter", "TWİTTER", "twıtter", "X", "x.com", "X Corp", "İG", "ig", "ınsta", "Inſtagram", "meta",
           "вконтакте", "ВКонтакте", "Mastodon", "@", "#", ".", "'", "’", "-", " ", "a", "k", "K", "ſ", "9"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_the_screen_drops_no_mention(text):
    """Screening expressions by substring finds exactly what running all of them finds."""
    shipped = builtin_platforms()
    extended = load_platforms({"platforms": [{"name": "VK", "aliases": ["вконтакте", "vk"]}, *MASTODON["platforms"]]})
    for platforms in (shipped, extended):
        assert platforms.mentions(text) == _unscreened(platforms, text)


def test_a_screened_text_still_finds_its_mentions():
    assert [m[0] for m in builtin_platforms().mentions("TWİTTER and ınstagram, not xig")] == ["Twitter", "Instagram"]
