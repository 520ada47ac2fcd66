"""Gold corpus validation (SPEC section 5) and loading through Hugging Face datasets."""

from __future__ import annotations

import json
from datetime import date

import pytest

from claimkit.corpus import GoldClaim, GoldStance, load_gold, load_gold_dataset, validate_record
from claimkit.errors import GoldError


def good_line(doc_id="lockout-01", **changes) -> dict:
    record = {
        "id": doc_id,
        "published": "2018-02-21",
        "platform": "Twitter",
        "text": "Mira Holt said she lost 5,000 followers overnight and blamed a purge of conservatives.",
        "claims": [
            {"kind": "follower_loss", "subject": "Mira Holt", "amount": 5000, "qualifier": ["exact"],
             "duration_seconds": None, "source_role": "affected"},
        ],
        "stances": [
            {"speaker": "Mira Holt", "role": "affected", "cause": "political_bias", "stance": "support"},
        ],
        "official": {"political_bias": "not_addressed"},
    }
    record.update(changes)
    return record


def write_jsonl(path, lines) -> str:
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- loading


def test_loads_typed_documents(tmp_path):
    second = good_line(
        "2018-02-21",  # an id that looks like a date must stay a string
        published=None,
        claims=[
            {"kind": "accounts_removed", "subject": "Twitter", "amount": 1_700_000,
             "qualifier": ["approx", "over"], "duration_seconds": 604_800, "source_role": "platform",
             "note": "team extension inside a claim"},
        ],
        stances=[],
        official={"bot_spam_purge": "endorsed", "locked_accounts": "rejected"},
        author="Twitter",
        event="purge-2018",
        shape={"kind": "statement", "parts": [1, 2]},
    )
    path = write_jsonl(tmp_path / "gold.jsonl", [good_line(), "", "   ", second])
    docs = load_gold(path)
    assert [d.id for d in docs] == ["lockout-01", "2018-02-21"]
    first, other = docs
    assert first.published == "2018-02-21"
    assert first.claims == (GoldClaim("follower_loss", "Mira Holt", 5000, ("exact",), None, "affected"),)
    assert first.stances == (GoldStance("Mira Holt", "affected", "political_bias", "support"),)
    assert first.location == f"{path}:1"
    assert other.location == f"{path}:4"
    assert other.published is None
    assert other.claims[0].qualifier == ("approx", "over")
    assert other.claims[0].duration_seconds == 604_800
    assert other.official == {"bot_spam_purge": "endorsed", "locked_accounts": "rejected"}
    assert other.extra == {"event": "purge-2018", "shape": {"kind": "statement", "parts": [1, 2]}}
    assert other.author == "Twitter"


def test_loading_goes_through_datasets(tmp_path):
    import datasets

    path = write_jsonl(tmp_path / "gold.jsonl", [good_line("a"), good_line("b", claims=[], official={})])
    dataset = load_gold_dataset([path])
    assert isinstance(dataset, datasets.Dataset)
    assert len(dataset) == 2
    assert json.loads(dataset[1]["id"]) == "b"


def test_several_files_and_globs_keep_order(tmp_path):
    write_jsonl(tmp_path / "part1.jsonl", [good_line("a"), good_line("b")])
    write_jsonl(tmp_path / "part2.jsonl", [good_line("c")])
    docs = load_gold([str(tmp_path / "part*.jsonl")])
    assert [d.id for d in docs] == ["a", "b", "c"]


def test_loading_is_quiet_and_writes_nothing_next_to_the_corpus(tmp_path, capfd):
    path = write_jsonl(tmp_path / "gold.jsonl", [good_line()])
    load_gold(path)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl"]


def test_to_document_carries_platform_author_and_date(tmp_path):
    path = write_jsonl(tmp_path / "gold.jsonl", [good_line(author="Twitter Safety")])
    document = load_gold(path)[0].to_document()
    assert document.id == "lockout-01"
    assert document.platform == "Twitter"
    assert document.author == "Twitter Safety"
    assert document.published == date(2018, 2, 21)


# --------------------------------------------------------------------------- validation


def bad_claim(**changes) -> dict:
    claim = dict(good_line()["claims"][0])
    claim.update(changes)
    return good_line(claims=[good_line()["claims"][0], claim])


def without(key) -> dict:
    record = good_line()
    del record[key]
    return record


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ('{"id": "x", "text": ', "malformed JSON"),
        ("[1, 2]", "expected a JSON object per line, found a list"),
        (without("id"), 'id: missing field'),
        (without("text"), "text: missing field"),
        (without("stances"), "stances: missing field"),
        (without("official"), "official: missing field"),
        (good_line(text="   "), "text: expected a non-empty string"),
        (good_line(id=7), "id: expected a non-empty string, found a number 7"),
        (good_line(published="21/02/2018"), 'published: "21/02/2018" is not a date; expected YYYY-MM-DD'),
        (good_line(published="2018-02-30"), "published: \"2018-02-30\" is not a real date"),
        (good_line(platform=["Twitter"]), "platform: expected a string or null"),
        (good_line(claims={"kind": "follower_loss"}), "claims: expected a list"),
        (good_line(claims=["5000 followers"]), "claims[0]: expected an object, found a string"),
        (bad_claim(qualifier=["aprox"]), 'claims[1].qualifier[0]: "aprox" is not one of exact/approx/over/under'),
        (bad_claim(qualifier=[]), "claims[1].qualifier: expected a non-empty list of exact/approx/over/under"),
        (bad_claim(qualifier="exact"), "claims[1].qualifier: expected a non-empty list"),
        (bad_claim(kind="follower_drop"), 'claims[1].kind: "follower_drop" is not one of follower_loss/follower_gain/accounts_removed'),
        (bad_claim(amount="5,000"), 'claims[1].amount: expected a non-negative integer, found "5,000"'),
        (bad_claim(amount=-5), "claims[1].amount: expected a non-negative integer"),
        (bad_claim(amount=True), "claims[1].amount: expected a non-negative integer"),
        (bad_claim(duration_seconds=1.5), "claims[1].duration_seconds: expected a non-negative integer or null"),
        (bad_claim(source_role="author"), 'claims[1].source_role: "author" is not one of platform/affected/third_party/reporter'),
        (bad_claim(subject=""), "claims[1].subject: expected a non-empty string"),
        (good_line(claims=[{"kind": "follower_loss", "subject": "Mira Holt", "qualifier": ["exact"],
                            "duration_seconds": None, "source_role": "affected"}]),
         "claims[0].amount: missing field"),
        (good_line(stances=[{"speaker": "Mira Holt", "role": "affected", "cause": "Political Bias", "stance": "support"}]),
         'stances[0].cause: "Political Bias" is not a cause label; expected one of bot_spam_purge/'),
        (good_line(stances=[{"speaker": "Mira Holt", "role": "affected", "cause": "political_bias", "stance": "agree"}]),
         'stances[0].stance: "agree" is not one of support/deny/query/comment'),
        (good_line(stances=[{"speaker": "Mira Holt", "cause": "political_bias", "stance": "support"}]),
         "stances[0].role: missing field"),
        (good_line(official=["political_bias"]), "official: expected an object"),
        (good_line(official={"political_bias": "denied"}), 'official.political_bias: "denied" is not one of endorsed/rejected/not_addressed'),
        (good_line(official={"Shadow Ban": "rejected"}), 'official.Shadow Ban: "Shadow Ban" is not a cause label'),
    ],
)
def test_bad_line_names_file_line_and_field(tmp_path, bad, expected):
    path = write_jsonl(tmp_path / "dev.jsonl", [good_line("first"), "", bad])
    with pytest.raises(GoldError) as info:
        load_gold(path)
    message = str(info.value)
    assert message.startswith(f"[E200] {path}:3: ")
    assert expected in message
    assert "\n" not in message


def test_duplicate_id_names_both_lines(tmp_path):
    path = write_jsonl(tmp_path / "dev.jsonl", [good_line("same"), good_line("other"), good_line("same")])
    with pytest.raises(GoldError) as info:
        load_gold(path)
    assert f"{path}:3: id: \"same\" is a duplicate (first at {path}:1)" in str(info.value)


def test_duplicate_id_across_files(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [good_line("same")])
    second = write_jsonl(tmp_path / "b.jsonl", [good_line("same")])
    with pytest.raises(GoldError, match="duplicate"):
        load_gold([first, second])


def test_negative_document_is_valid_gold():
    validate_record(good_line(claims=[], stances=[], official={}), "mem:1")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: str(tmp / "nope.jsonl"), "no such gold corpus file"),
        (lambda tmp: write_jsonl(tmp / "empty.jsonl", [""]), "no gold documents"),
        (lambda tmp: str(tmp), "not a file"),
    ],
)
def test_unusable_corpus_files(tmp_path, make, expected):
    with pytest.raises(GoldError, match=expected):
        load_gold(make(tmp_path))


def test_non_utf8_line_is_named(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps(good_line()).encode() + b"\n" + b'{"id": "caf\xe9"}\n')
    with pytest.raises(GoldError, match=r"latin\.jsonl:2: not UTF-8"):
        load_gold(str(path))


def test_gold_claim_is_the_claim_shape_cut_to_the_gold_fields():
    from dataclasses import fields

    from claimkit.types import GOLD_CLAIM_FIELDS, Claim

    claim_types = {f.name: f.type for f in fields(Claim)}
    gold_types = {f.name: f.type for f in fields(GoldClaim)}
    assert tuple(gold_types) == GOLD_CLAIM_FIELDS
    # gold always knows the amount and may list several qualifiers; every other field is the claim's own type
    differs = {"amount": "int", "qualifier": f"tuple[{claim_types['qualifier']}, ...]"}
    for name, kind in gold_types.items():
        assert kind == differs.get(name, claim_types[name]), name


def test_gold_claim_from_a_predicted_claim():
    from claimkit.types import Claim

    claim = Claim("follower_loss", "Mira Holt", "Twitter", 5000, "5,000", "approx", 86400, "in a day",
                  None, None, "affected", "Mira Holt")
    gold = GoldClaim.from_claim(claim)
    assert gold == GoldClaim("follower_loss", "Mira Holt", 5000, ("approx",), 86400, "affected")
    assert gold.to_dict()["qualifier"] == ["approx"]
    with pytest.raises(ValueError, match="no amount"):
        GoldClaim.from_claim(Claim("follower_loss", "Mira Holt", None, None, "", "exact", None, None,
                                   None, None, "affected", "Mira Holt"))
