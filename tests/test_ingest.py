"""Ingestion: every input form, every bad input, headers and publication-date precedence.

Everything goes through `read_inputs`, the function the CLI and the API use;
no model is loaded here.
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from claimkit import errors
from claimkit.ingest import (
    bounded_lines,
    expand_paths,
    header_date,
    read_headers,
    make_document,
    parse_date,
    read_inputs,
    split_header,
)
from claimkit.types import Document

POST = "I just lost 4,200 followers in one day. Is this a purge? — Ria Moss (@riamoss) March 2, 2022"
ARTICLE = " date 2022-03-03\nThousands of accounts vanished overnight, the platform said.\n"


# --------------------------------------------------------------------------- helpers


def read(inputs, **kwargs) -> list[Document | errors.InputError]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def documents(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def failures(items) -> list[errors.InputError]:
    return [i for i in items if isinstance(i, errors.InputError)]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def jsonl(path: Path, *records: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return write(path, "\n".join(lines) + "\n")


def only_error(items) -> errors.InputError:
    assert not documents(items), f"expected no document, got {documents(items)}"
    (error,) = failures(items)
    return error


# --------------------------------------------------------------------------- text files


def test_text_file_is_one_document_named_after_its_stem(tmp_path):
    path = write(tmp_path / "ria-post.txt", POST)
    (doc,) = read([path])
    assert doc.id == "ria-post"
    assert doc.text == POST
    assert doc.source == doc.location == str(path)
    assert doc.published is None
    assert doc.body_start == 0


def test_text_file_header_sets_date_and_body_start(tmp_path):
    (doc,) = read([write(tmp_path / "a.txt", ARTICLE)])
    assert doc.published == date(2022, 3, 3)
    assert doc.text == ARTICLE  # offsets point into the text as read, header included
    assert doc.text[doc.body_start:].startswith("\nThousands")


def test_crlf_line_endings_are_kept_and_the_header_still_read(tmp_path):
    text = " date 2022-03-03\r\nI lost 900 followers.\r\nThe platform said it was spam.\r\n"
    (doc,) = read([write(tmp_path / "crlf.txt", text)])
    assert doc.text == text
    assert doc.published == date(2022, 3, 3)


def test_utf8_bom_is_dropped_so_header_and_offsets_work(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf date 2022-03-03\nI lost 900 followers.")
    (doc,) = read([path])
    assert doc.text.startswith(" date")
    assert doc.published == date(2022, 3, 3)


def test_unicode_text_is_read_as_utf8(tmp_path):
    text = "Zoë Ŝmith — «perdí 3.000 seguidores» 😢"
    (doc,) = read([write(tmp_path / "u.txt", text)])
    assert doc.text == text


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("text", "expected", "body_start"),
    [
        (" date 2021-06-15\nBody", date(2021, 6, 15), 16),
        ("date 2021-06-15\nBody", date(2021, 6, 15), 15),
        (" date 2021-06-15 Body on the same line", date(2021, 6, 15), 16),
        ("\tdate 2021-06-15\r\nBody", date(2021, 6, 15), 16),
        (" date 2021-06-15", date(2021, 6, 15), 16),
        ("  date 2021-06-15\nBody", None, 0),  # two spaces: not the header form
        ("Our date 2021-06-15 went badly", None, 0),  # not at the start
        ("date night ended when I lost 200 followers", None, 0),
        (" date 2021-6-15\nBody", None, 0),
        (" Date 2021-06-15\nBody", None, 0),
        (" date 2021-06-150\nBody", None, 0),
    ],
)
def test_split_header(text, expected, body_start):
    assert split_header(text) == (expected, body_start)


def test_impossible_header_date_is_not_a_header_but_readers_report_it(tmp_path):
    assert split_header(" date 2021-02-30\nBody") == (None, 0)
    with pytest.raises(errors.DateError):
        header_date(" date 2021-02-30\nBody", "x.txt:1")
    (doc,) = read([write(tmp_path / "feb30.txt", " date 2021-02-30\nI lost 10 followers.")])
    assert doc.published is None
    (warning,) = doc.warnings
    assert warning.startswith("[E108] ") and "feb30.txt:1: " in warning
    assert "2021-02-30" in warning and "left undated" in warning


def test_published_override_makes_a_bad_header_harmless(tmp_path):
    path = write(tmp_path / "feb30.txt", " date 2021-02-30\nI lost 10 followers.")
    (doc,) = read([path], published=date(2021, 3, 1))
    assert doc.published == date(2021, 3, 1)


# --------------------------------------------------------------------------- publication-date precedence


@pytest.mark.parametrize(
    ("override", "header", "field", "expected"),
    [
        (None, None, None, None),
        (None, None, "2020-01-05", date(2020, 1, 5)),
        (None, "2020-02-06", None, date(2020, 2, 6)),
        (None, "2020-02-06", "2020-01-05", date(2020, 2, 6)),  # header beats JSONL field
        (date(2020, 3, 7), "2020-02-06", "2020-01-05", date(2020, 3, 7)),  # --published beats both
        (date(2020, 3, 7), None, "2020-01-05", date(2020, 3, 7)),
        (date(2020, 3, 7), None, "not a date", date(2020, 3, 7)),  # an overridden bad field is harmless
    ],
)
def test_published_precedence_in_jsonl(tmp_path, override, header, field, expected):
    text = (f" date {header}\n" if header else "") + "I lost 300 followers."
    record = {"id": "d", "text": text}
    if field:
        record["published"] = field
    (doc,) = read([jsonl(tmp_path / "d.jsonl", record)], published=override)
    assert doc.published == expected


@pytest.mark.parametrize(
    ("override", "expected"), [(None, date(2022, 3, 3)), (date(2022, 4, 1), date(2022, 4, 1))]
)
def test_published_precedence_in_text_files(tmp_path, override, expected):
    (doc,) = read([write(tmp_path / "a.txt", ARTICLE)], published=override)
    assert doc.published == expected


def test_published_may_be_given_as_a_string():
    (doc,) = list(read_inputs(["-"], published="2022-05-06", stdin=io.BytesIO(POST.encode())))
    assert doc.published == date(2022, 5, 6)
    with pytest.raises(errors.DateError):
        list(read_inputs(["-"], published="May 6", stdin=io.BytesIO(POST.encode())))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018-02-21", date(2018, 2, 21)), (" 2018-02-21 ", date(2018, 2, 21)),
     ("2018-02-21T10:30:00", date(2018, 2, 21)), ("2018-02-21T10:30:00+01:00", date(2018, 2, 21)),
     (date(2018, 2, 21), date(2018, 2, 21))],
)
def test_parse_date_accepts_iso_dates_and_datetimes(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["21/02/2018", "2018-02-30", "yesterday", "", 20180221, None, ["2018-02-21"]])
def test_parse_date_rejects_everything_else_naming_where(value):
    with pytest.raises(errors.DateError) as caught:
        parse_date(value, "posts.jsonl:4", 'field "published"')
    assert caught.value.one_line().startswith('[E108] posts.jsonl:4: field "published"')


def test_make_document_published_overrides_header():
    doc = make_document(ARTICLE, "x", published="2022-01-01")
    assert doc.published == date(2022, 1, 1)
    assert doc.body_start == 16


# --------------------------------------------------------------------------- JSONL


def test_jsonl_lines_are_documents_with_their_fields(tmp_path):
    path = jsonl(
        tmp_path / "posts.jsonl",
        {"id": "p1", "text": POST, "published": "2022-03-02", "platform": "Twitter",
         "source": "https://example.org/p1", "author": "Ria Moss", "extra": [1, 2]},
        {"id": 7, "text": "The platform said it removed 2 million spam accounts."},
        {"text": "No id here: I lost 12 followers."},
    )
    first, second, third = read([path])
    assert (first.id, first.published, first.platform, first.source, first.author) == (
        "p1", date(2022, 3, 2), "Twitter", "https://example.org/p1", "Ria Moss")
    assert first.location == f"{path}:1"
    assert second.id == "7" and second.source == f"{path}:2" and second.platform is None
    assert third.id == "posts-3"  # file stem and line number


def test_jsonl_blank_lines_crlf_and_bom_are_fine(tmp_path):
    path = write(
        tmp_path / "w.ndjson",
        b'\xef\xbb\xbf{"id": "a", "text": "I lost 5 followers."}\r\n\r\n   \r\n{"id": "b", "text": "Bots."}\r\n',
    )
    items = read([path])
    assert [d.id for d in documents(items)] == ["a", "b"]
    assert not failures(items)
    assert documents(items)[1].location.endswith(":4")


def test_jsonl_suffix_is_case_insensitive(tmp_path):
    (doc,) = read([jsonl(tmp_path / "UP.JSONL", {"id": "u", "text": "I lost 5 followers."})])
    assert doc.id == "u"


def test_one_bad_jsonl_line_among_good_ones_loses_nothing_else(tmp_path):
    path = jsonl(
        tmp_path / "mixed.jsonl",
        {"id": "good-1", "text": "I lost 100 followers."},
        '{"id": "broken", "text": ',
        {"id": "good-3", "text": "Spam accounts were removed."},
    )
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Document", "JsonlError", "Document"]
    assert [d.id for d in documents(items)] == ["good-1", "good-3"]
    assert failures(items)[0].location == f"{path}:2"


# --------------------------------------------------------------------------- standard input


def stdin_items(data: bytes, **kwargs):
    return list(read_inputs(["-"], stdin=io.BytesIO(data), **kwargs))


def test_stdin_text_is_one_document():
    (doc,) = stdin_items((" date 2022-03-03\n" + POST).encode())
    assert (doc.id, doc.location, doc.published) == ("stdin", "<stdin>", date(2022, 3, 3))


@pytest.mark.parametrize(
    "data",
    [
        b'{"id": "s1", "text": "I lost 5 followers."}\n{"id": "s2", "text": "Bots were purged."}\n',
        b'\n\n  {"id": "s1", "text": "I lost 5 followers."}\r\n{"id": "s2", "text": "Bots were purged."}',
        b'\xef\xbb\xbf{"id": "s1", "text": "I lost 5 followers."}\n{"id": "s2", "text": "Bots were purged."}\n',
    ],
    ids=["plain", "leading-blank-lines-crlf", "bom"],
)
def test_stdin_starting_with_a_json_object_is_jsonl(data):
    items = stdin_items(data)
    assert [d.id for d in documents(items)] == ["s1", "s2"]
    assert not failures(items)


def test_stdin_jsonl_default_ids_and_bad_line_location():
    items = stdin_items(b'{"text": "I lost 5 followers."}\n{"text": 5}\n')
    assert documents(items)[0].id == "stdin-1"
    assert failures(items)[0].one_line().startswith('[E107] <stdin>:2: field "text" must be a string')


@pytest.mark.parametrize("text", ["{Breaking} I lost 30 followers.", "{{template}} lost 30 followers", "{ not json"])
def test_stdin_starting_with_a_brace_but_not_json_is_text(text):
    (doc,) = stdin_items(text.encode())
    assert doc.id == "stdin" and doc.text == text


def test_stdin_jsonl_is_streamed_so_the_size_limit_is_per_document():
    line = json.dumps({"text": "I lost 5 followers. " * 4}) + "\n"
    items = stdin_items(line.encode() * 50, max_chars=100)  # the stream is far over 4 x 100 bytes
    assert len(documents(items)) == 50


def test_stdin_text_over_the_limit_is_refused():
    error = only_error(stdin_items(b"x" * 500, max_chars=100))
    assert isinstance(error, errors.TooLargeError) and error.location == "<stdin>"


def test_stdin_given_twice_is_read_once():
    items = list(read_inputs(["-", "-"], stdin=io.BytesIO(POST.encode())))
    assert len(documents(items)) == 1
    assert "only once" in failures(items)[0].message


def test_empty_stdin_is_an_error():
    error = only_error(stdin_items(b""))
    assert isinstance(error, errors.EmptyInputError)


# --------------------------------------------------------------------------- several files, globs


def test_several_inputs_keep_their_order(tmp_path):
    a = write(tmp_path / "b-first.txt", POST)
    b = jsonl(tmp_path / "a-second.jsonl", {"id": "j", "text": POST})
    c = write(tmp_path / "c-third.txt", ARTICLE)
    assert [d.id for d in read([a, b, c])] == ["b-first", "j", "c-third"]


def test_glob_expands_sorted_and_skips_directories(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        write(tmp_path / name, POST)
    (tmp_path / "d.txt").mkdir()
    items = read([tmp_path / "*.txt"])
    assert [d.id for d in items] == ["a", "b"]


def test_recursive_glob(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "deep.txt", POST)
    write(tmp_path / "top.txt", POST)
    assert sorted(d.id for d in read([tmp_path / "**" / "*.txt"])) == ["deep", "top"]


def test_glob_matching_nothing_is_reported(tmp_path):
    error = only_error(read([tmp_path / "*.nothing"]))
    assert isinstance(error, errors.MissingFileError)
    assert "no file matches" in error.message


def test_a_file_whose_name_looks_like_a_glob_is_read_as_named(tmp_path):
    write(tmp_path / "post[1].txt", POST)
    write(tmp_path / "post1.txt", "other")
    (doc,) = read([tmp_path / "post[1].txt"])
    assert doc.text == POST


def test_expand_paths_keeps_unmatched_patterns_and_accepts_paths(tmp_path):
    write(tmp_path / "a.txt", POST)
    assert list(expand_paths([tmp_path / "*.txt", "-", "none*.txt"])) == [str(tmp_path / "a.txt"), "-", "none*.txt"]


def test_read_inputs_accepts_a_single_path(tmp_path):
    path = write(tmp_path / "one.txt", POST)
    assert [d.id for d in read_inputs(path)] == ["one"]
    assert [d.id for d in read_inputs(str(path))] == ["one"]


# --------------------------------------------------------------------------- bad inputs


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _symlink(tmp_path: Path) -> Path:
    path = tmp_path / "link.txt"
    path.symlink_to(tmp_path / "gone.txt")
    return path


def _loop(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    return tmp_path / "a.txt"


def _dir(tmp_path: Path) -> Path:
    (tmp_path / "folder.jsonl").mkdir()
    return tmp_path / "folder.jsonl"


BAD_INPUTS = [
    # (name, make(tmp_path) -> path, error class, located at line?, words in the message)
    ("missing file", lambda t: t / "nope.txt", errors.MissingFileError, None, "no such file"),
    ("missing jsonl", lambda t: t / "nope.jsonl", errors.MissingFileError, None, "no such file"),
    ("missing parent", lambda t: write(t / "f.txt", POST) / "x.txt", errors.MissingFileError, None, "not a directory"),
    ("broken symlink", _symlink, errors.MissingFileError, None, "broken symbolic link"),
    ("directory", lambda t: t, errors.NotAFileError, None, "is a directory"),
    ("directory named .jsonl", _dir, errors.NotAFileError, None, "is a directory"),
    ("fifo", _fifo, errors.NotAFileError, None, "named pipe"),
    ("device", lambda t: Path(os.devnull), errors.NotAFileError, None, "device"),
    ("binary", lambda t: write(t / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), errors.BinaryInputError,
     None, "binary"),
    ("utf-16 without a BOM", lambda t: write(t / "w.txt", "I lost 5 followers".encode("utf-16-le")),
     errors.BinaryInputError, None, "NUL bytes"),
    ("symlink loop", lambda t: _loop(t), errors.UnreadableError, None, "symbolic links"),
    ("NUL byte in a jsonl line", lambda t: write(t / "n.jsonl", b'{"text": "a\x00b"}\n'), errors.BinaryInputError, 1,
     "NUL bytes"),
    ("jsonl line that is a string", lambda t: jsonl(t / "m.jsonl", '"just text"'), errors.JsonlError, 1,
     "found a string"),
    ("text is a number", lambda t: jsonl(t / "m.jsonl", {"text": 5}), errors.JsonlError, 1,
     '"text" must be a string, found a number'),
    ("latin-1", lambda t: write(t / "l.txt", "line one\nCaf\xe9 lost 5 followers".encode("latin-1")),
     errors.EncodingError, None, "line 2"),
    ("empty file", lambda t: write(t / "e.txt", b""), errors.EmptyInputError, None, "empty document"),
    ("whitespace only", lambda t: write(t / "w.txt", " \n\t\r\n"), errors.EmptyInputError, None, "empty document"),
    ("header only", lambda t: write(t / "h.txt", " date 2022-03-03\n\n"), errors.EmptyInputError, None,
     "only a date header"),
    ("empty jsonl", lambda t: write(t / "e.jsonl", b""), errors.EmptyInputError, None, "empty JSONL"),
    ("blank jsonl", lambda t: write(t / "b.jsonl", "\n  \n\r\n"), errors.EmptyInputError, None, "empty JSONL"),
    ("malformed line", lambda t: jsonl(t / "m.jsonl", "{'id': 1}"), errors.JsonlError, 1, "malformed JSON"),
    ("line without text", lambda t: jsonl(t / "m.jsonl", {"id": "x"}), errors.JsonlError, 1, '"text" is missing'),
    ("text not a string", lambda t: jsonl(t / "m.jsonl", {"text": ["a"]}), errors.JsonlError, 1,
     '"text" must be a string, found an array'),
    ("empty text", lambda t: jsonl(t / "m.jsonl", {"text": "  "}), errors.EmptyInputError, 1, "empty document"),
    ("array line", lambda t: jsonl(t / "m.jsonl", "[1, 2]"), errors.JsonlError, 1, "found an array"),
    ("bad id", lambda t: jsonl(t / "m.jsonl", {"id": {"a": 1}, "text": "x"}), errors.JsonlError, 1, '"id"'),
    ("bad platform", lambda t: jsonl(t / "m.jsonl", {"text": "x", "platform": 3}), errors.JsonlError, 1,
     '"platform" must be a string'),
    ("non-utf8 jsonl line", lambda t: write(t / "n.jsonl", b'{"text": "caf\xe9"}\n'), errors.EncodingError, 1,
     "not UTF-8"),
]


@pytest.mark.parametrize(("name", "make", "kind", "line", "words"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_line_error_naming_the_file(tmp_path, name, make, kind, line, words):
    path = make(tmp_path)
    error = only_error(read([path]))
    assert type(error) is kind
    expected_location = str(path) if line is None else f"{path}:{line}"
    assert error.location == expected_location
    assert words in error.message
    one_line = error.one_line()
    assert "\n" not in one_line
    assert one_line.startswith(f"[{kind.code}] {expected_location}: ")


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", POST)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    error = only_error(read([path]))
    assert isinstance(error, errors.UnreadableError)
    assert error.location == str(path) and "permission denied" in error.message


def test_unreadable_parent_directory_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", POST)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", refuse)
    error = only_error(read([path]))
    assert isinstance(error, errors.UnreadableError)


@pytest.mark.parametrize(
    ("content", "max_chars", "words"),
    [
        ("x" * 101, 100, "101 characters, over the limit of 100"),
        ("x" * 401, 100, "401 bytes"),  # refused by size before it is read
        ("é" * 101, 100, "101 characters"),
    ],
)
def test_too_large_text_file(tmp_path, content, max_chars, words):
    error = only_error(read([write(tmp_path / "big.txt", content)], max_chars=max_chars))
    assert isinstance(error, errors.TooLargeError)
    assert words in error.message and "--max-chars" in error.message


def test_text_at_the_limit_is_accepted(tmp_path):
    (doc,) = read([write(tmp_path / "ok.txt", "x" * 100)], max_chars=100)
    assert len(doc.text) == 100


def test_too_long_jsonl_line_is_skipped_and_line_numbers_stay_right(tmp_path):
    path = jsonl(
        tmp_path / "long.jsonl",
        {"id": "short-1", "text": "I lost 5 followers."},
        {"id": "huge", "text": "spam " * 200},
        {"id": "short-3", "text": "Bots were removed."},
    )
    items = read([path], max_chars=100)
    assert [d.id for d in documents(items)] == ["short-1", "short-3"]
    assert documents(items)[1].location == f"{path}:3"
    (error,) = failures(items)
    assert isinstance(error, errors.TooLargeError) and error.location == f"{path}:2"


def test_jsonl_text_over_the_character_limit(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", {"text": "x" * 150})
    error = only_error(read([path], max_chars=100))
    assert isinstance(error, errors.TooLargeError) and error.location == f"{path}:1"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"ab\ncd\n", [b"ab\n", b"cd\n"]),
        (b"ab\r\ncd", [b"ab\r\n", b"cd"]),
        (b"x" * 6 + b"\nok\n", [b"x" * 6, b"ok\n"]),  # cut at limit + 2, rest skipped
        (b"x" * 5 + b"\nok\n", [b"x" * 5 + b"\n", b"ok\n"]),  # content under the cut is whole
    ],
)
def test_bounded_lines(data, expected):
    # max_chars=1 -> 4 bytes of content (+2 for the line break) before a line is cut
    assert list(bounded_lines(io.BytesIO(data), 1)) == expected


def test_nothing_lost_a_batch_reports_every_bad_input_in_place(tmp_path):
    good_a = write(tmp_path / "a.txt", POST)
    bad = tmp_path / "missing.txt"
    mixed = jsonl(tmp_path / "m.jsonl", {"id": "m1", "text": POST}, "{oops", {"id": "m3", "text": ARTICLE})
    empty = write(tmp_path / "empty.txt", "")
    good_b = write(tmp_path / "b.txt", ARTICLE)
    items = read([good_a, bad, mixed, empty, good_b])
    names = [i.id if isinstance(i, Document) else f"E:{i.location}" for i in items]
    assert names == ["a", f"E:{bad}", "m1", f"E:{mixed}:2", "m3", f"E:{empty}", "b"]


def test_error_location_with_newline_stays_on_one_line():
    error = errors.MissingFileError("no such\nfile", "odd\nname.txt")
    assert "\n" not in error.one_line()


# --------------------------------------------------------------------------- dates that are not dates, metadata


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("bad published field", lambda t: jsonl(t / "m.jsonl", {"text": "I lost 5.", "published": "2022-13-01"}),
         "2022-13-01"),
        ("published not a string", lambda t: jsonl(t / "m.jsonl", {"text": "I lost 5.", "published": 20220101}),
         "20220101"),
        ("bad header date", lambda t: write(t / "h.txt", " date 2022-02-30\nI lost 5."), "not a real date"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_bad_published_value_leaves_the_document_undated_with_a_warning(tmp_path, name, make, words):
    path = make(tmp_path)
    (doc,) = read([path])
    assert doc.published is None
    (warning,) = doc.warnings
    assert warning.startswith(f"[E108] {path}:1: ") and words in warning


@pytest.mark.parametrize(
    ("text", "headers", "body"),
    [
        (" date 2018-07-12\n author Jo Reed\nI lost 500.", {"date": "2018-07-12", "author": "Jo Reed"}, "I lost 500."),
        (" author Jo Reed\n source The Ledger\n url https://ledger.example/a\n date 2018-07-12\nBody",
         {"author": "Jo Reed", "source": "The Ledger", "url": "https://ledger.example/a", "date": "2018-07-12"},
         "Body"),
        ("author Jo Reed\r\nBody", {"author": "Jo Reed"}, "Body"),
        (" source The Ledger", {"source": "The Ledger"}, ""),
        (" author Jo Reed\n author Sam Lee\nBody", {"author": "Jo Reed"}, "author Sam Lee\nBody"),
        ("Author Jo Reed said she lost 500.", {}, "Author Jo Reed said she lost 500."),
        ("source: a person close to the company", {}, "source: a person close to the company"),
        (" date 2018-07-12 The body starts here", {"date": "2018-07-12"}, "The body starts here"),
    ],
)
def test_header_lines(text, headers, body):
    found, start = read_headers(text)
    assert found == headers
    assert text[start:].lstrip() == body


def test_text_file_headers_become_metadata(tmp_path):
    path = write(tmp_path / "post.txt", " author Jo Reed\n source The Ledger\n date 2018-07-12\nI lost 500 followers.")
    (doc,) = read([path])
    assert (doc.author, doc.published) == ("Jo Reed", date(2018, 7, 12))
    assert doc.meta == {"author": "Jo Reed", "source": "The Ledger"}
    assert doc.text[doc.body_start:] == "\nI lost 500 followers."


def test_jsonl_keys_are_kept_as_metadata_but_not_the_gold_annotation(tmp_path):
    record = {"id": "a", "text": "I lost 5.", "source": "The Ledger", "author": "Jo Reed", "url": "https://x.example",
              "desk": "tech", "tags": ["purge"], "claims": [{"kind": "follower_loss"}]}
    (doc,) = read([jsonl(tmp_path / "m.jsonl", record)])
    assert doc.meta == {"source": "The Ledger", "author": "Jo Reed", "url": "https://x.example",
                        "desk": "tech", "tags": ["purge"]}
    assert doc.source == "The Ledger"


def test_author_and_source_options_set_standard_input():
    stream = io.BytesIO(b" author Header Name\nI lost 500 followers.")
    (doc,) = list(read_inputs(["-"], stdin=stream, author="Jo Reed", source="The Ledger"))
    assert doc.author == "Jo Reed"
    assert doc.meta == {"author": "Jo Reed", "source": "The Ledger"}


# --------------------------------------------------------------------------- BOMs and duplicate ids


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_a_bom_says_how_to_decode_text_and_jsonl(tmp_path, encoding):
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (doc,) = read([write(tmp_path / "a.txt", data)])
    assert doc.text == ARTICLE and doc.published == date(2022, 3, 3)
    line = json.dumps({"id": "p", "text": POST}, ensure_ascii=False) + "\n"
    data = line.encode(encoding) if encoding != "utf-16-be" else b"\xfe\xff" + line.encode(encoding)
    (item,) = read([write(tmp_path / "p.jsonl", data)])
    assert item.id == "p" and item.text == POST


def test_duplicate_ids_are_kept_apart_and_reported(tmp_path):
    first = jsonl(tmp_path / "one.jsonl", {"id": "x", "text": POST}, {"id": "x", "text": ARTICLE})
    second = jsonl(tmp_path / "two.jsonl", {"id": "x", "text": POST}, {"id": "y", "text": POST})
    items = read([first, second])
    docs = [i for i in items if isinstance(i, Document)]
    dups = [i for i in items if isinstance(i, errors.DuplicateIdError)]
    assert [d.id for d in docs] == ["x", "x#2", "x#3", "y"]
    assert [e.location for e in dups] == [f"{first}:2", f"{second}:1"]
    assert all(f"{first}:1" in e.message and e.one_line().startswith("[E111] ") for e in dups)
