"""Readers of `claimkit batch`: every input format gives the same documents, bad lines named."""

from __future__ import annotations

import gzip
import json

import pytest

from claimkit.batch.sources import Columns, read_sources
from claimkit.errors import InputError

POSTS = [
    {"id": "p1", "text": "I just lost 3,000 followers overnight.", "published": "2018-07-12"},
    {"id": "p2", "text": "Lovely weather in Leeds today.", "platform": "Twitter"},
    {"id": "p3", "text": "Twitter says it removed locked accounts from follower counts."},
]


def _jsonl_bytes(rows) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def _summary(items):
    return [(d.id, d.text, d.published and d.published.isoformat(), d.platform) for d in items]


EXPECTED = [
    ("p1", POSTS[0]["text"], "2018-07-12", None),
    ("p2", POSTS[1]["text"], None, "Twitter"),
    ("p3", POSTS[2]["text"], None, None),
]


def write_plain(path):
    path.write_bytes(_jsonl_bytes(POSTS))


def write_gzip(path):
    path.write_bytes(gzip.compress(_jsonl_bytes(POSTS)))


def write_zstd(path):
    zstandard = pytest.importorskip("zstandard")
    path.write_bytes(zstandard.ZstdCompressor().compress(_jsonl_bytes(POSTS)))


def write_parquet(path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"platform": None, "published": None, **p} for p in POSTS]), path, row_group_size=2)


def write_saved_dataset(path):
    import datasets

    datasets.Dataset.from_list([{"platform": None, "published": None, **p} for p in POSTS]).save_to_disk(str(path))


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("posts.jsonl", write_plain),
        ("posts.jsonl.gz", write_gzip),
        ("posts.jsonl.zst", write_zstd),
        ("posts.parquet", write_parquet),
        ("saved", write_saved_dataset),
    ],
)
def test_every_format_reads_the_same_documents(tmp_path, name, write):
    path = tmp_path / name
    write(path)
    items = list(read_sources([path]))
    assert not [i for i in items if isinstance(i, InputError)]
    assert _summary(items) == EXPECTED


def test_text_folder_and_glob_read_each_file_in_sorted_order(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Second story about 500 bots.")
    (folder / "a.txt").write_text(" date 2021-06-15 First story.")
    (folder / "sub" / "c.txt").write_text("Third story.")
    (folder / "notes.md").write_text("not a document")
    from_folder = [d.id for d in read_sources([folder])]
    assert from_folder == ["a", "b", "c"]
    from_glob = list(read_sources([str(folder / "*.txt")]))
    assert [d.id for d in from_glob] == ["a", "b"]
    assert from_glob[0].published.isoformat() == "2021-06-15"


def test_custom_columns(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"tweet_id": 7, "body": "I lost 40 followers."}]), tmp_path / "t.parquet")
    (item,) = read_sources([tmp_path / "t.parquet"], columns=Columns(text="body", id="tweet_id"))
    assert (item.id, item.text) == ("7", "I lost 40 followers.")
    (missing,) = read_sources([tmp_path / "t.parquet"])
    assert isinstance(missing, InputError) and "no column 'text'" in missing.one_line()


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".jsonl", lambda b: b), (".jsonl.gz", gzip.compress)],
)
def test_bad_lines_are_reported_with_file_and_line_and_reading_goes_on(tmp_path, suffix, compress):
    path = tmp_path / f"mixed{suffix}"
    lines = [json.dumps(POSTS[0]), "{not json", json.dumps({"id": "x"}), "", json.dumps(POSTS[1])]
    path.write_bytes(compress(("\n".join(lines) + "\n").encode()))
    items = list(read_sources([path]))
    errors = [i.one_line() for i in items if isinstance(i, InputError)]
    assert [d.id for d in items if not isinstance(d, InputError)] == ["p1", "p2"]
    assert errors[0].startswith(f"[E107] {path}:2: malformed JSON")
    assert errors[1].startswith(f"[E107] {path}:3: field \"text\" is missing")


def test_bad_parquet_row_names_its_row(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"id": "a", "text": "fine"}, {"id": "b", "text": "   "}]), tmp_path / "r.parquet")
    items = list(read_sources([tmp_path / "r.parquet"]))
    assert items[0].id == "a"
    assert items[1].one_line().startswith(f"[E105] {tmp_path / 'r.parquet'}:2: empty document")


def test_missing_input_and_unmatched_glob_are_errors(tmp_path):
    items = list(read_sources([tmp_path / "absent.jsonl", str(tmp_path / "*.zzz"), tmp_path / "absent.txt"]))
    assert [i.code for i in items] == ["E101", "E101", "E101"]
