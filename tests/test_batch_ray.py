"""`--engine ray`: a local Ray instance gives exactly the local engine's output."""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'claimkit[ray]' to run this test")

from claimkit.batch import read_output, run  # noqa: E402

pytestmark = pytest.mark.ray

POSTS = [
    "Katy Perry lost 3 million followers after Twitter removed locked accounts, the company said.",
    "Lovely weather in Leeds today.",
    "Is this a glitch? My follower count dropped by 200 overnight. — Jo Reed (@joreed) July 12, 2018",
    "Critics said the purge was political bias; Twitter denied it.",
    "Does anyone know a good plumber?",
]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def test_ray_engine_equals_local_engine(tmp_path, local_ray):
    source = tmp_path / "posts.jsonl"
    lines = [json.dumps({"id": f"p{i}", "text": t, "published": "2018-07-12", "url": f"https://example.org/{i}"})
             for i, t in enumerate(POSTS)]
    source.write_text("\n".join(lines[:3] + ["{broken"] + lines[3:]) + "\n", encoding="utf-8")
    errors = {"local": [], "ray": []}
    local = run([source], tmp_path / "local.jsonl", workers=1, chunk_size=2, progress=False,
                max_error_rate=1.0, on_error=errors["local"].append)
    distributed = run([source], tmp_path / "ray.jsonl", engine="ray", workers=1, chunk_size=2, progress=False,
                      max_error_rate=1.0, on_error=errors["ray"].append)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert errors["ray"] == errors["local"] and len(errors["ray"]) == 1
    assert (distributed.documents, distributed.relevant, distributed.claims) == (local.documents, local.relevant, local.claims)
    assert distributed.engine == "ray"
    assert [d["id"] for d in read_output(tmp_path / "ray.jsonl")] == [f"p{i}" for i in range(len(POSTS))]


def _write(path, posts, start=0):
    lines = [json.dumps({"id": f"p{start + i}", "text": t}) for i, t in enumerate(posts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ray_reads_every_input_as_its_own_task_in_order(tmp_path, local_ray):
    """A glob, a second file and a pattern matching nothing: the same items, errors and order as local."""
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "a.jsonl", POSTS[:2])
    _write(folder / "b.jsonl", POSTS[2:], start=2)
    (folder / "c.jsonl").write_text('{"id": "c0", "text": ""}\n[1]\n', encoding="utf-8")
    inputs = [str(folder / "*.jsonl"), str(tmp_path / "missing-*.jsonl")]
    errors = {"local": [], "ray": []}
    for engine in ("local", "ray"):
        run(inputs, tmp_path / f"{engine}.jsonl", engine=engine, workers=1, chunk_size=2, progress=False,
            max_error_rate=1.0, on_error=errors[engine].append)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert errors["ray"] == errors["local"] and len(errors["ray"]) == 3


def test_ray_resume_appends_what_the_output_lacks(tmp_path, local_ray):
    source = tmp_path / "posts.jsonl"
    _write(source, POSTS[:3])
    run([source], tmp_path / "ray.jsonl", engine="ray", workers=1, chunk_size=2, progress=False)
    _write(source, POSTS)
    resumed = run([source], tmp_path / "ray.jsonl", engine="ray", workers=1, chunk_size=2, progress=False, resume=True)
    run([source], tmp_path / "local.jsonl", workers=1, chunk_size=2, progress=False)
    assert (resumed.resumed, resumed.documents) == (3, len(POSTS) - 3)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_ray_stops_on_too_many_bad_lines(tmp_path, local_ray):
    from claimkit.errors import BatchError

    source = tmp_path / "posts.jsonl"
    source.write_text("{broken\n" * 30 + json.dumps({"id": "p", "text": POSTS[0]}) + "\n", encoding="utf-8")
    with pytest.raises(BatchError, match="input lines are bad"):
        run([source], tmp_path / "ray.jsonl", engine="ray", workers=1, progress=False, min_lines=10,
            on_error=lambda line: None)


def test_a_read_task_turns_bad_lines_into_error_rows(tmp_path):
    from claimkit.batch.ray_engine import InputDatasource

    source = tmp_path / "posts.jsonl"
    source.write_text(json.dumps({"id": "p0", "text": POSTS[0]}) + "\n{broken\n", encoding="utf-8")
    tasks = InputDatasource([str(source)], None, 100_000, None).get_read_tasks(4)
    assert len(tasks) == 1
    rows = [row for block in tasks[0]() for row in block.to_pylist()]
    assert [row["id"] for row in rows] == ["p0", None]
    assert rows[1]["error"].startswith("[E") and f"{source}:2" in rows[1]["error"]
