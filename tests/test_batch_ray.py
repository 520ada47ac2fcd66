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
    lines = [json.dumps({"id": f"p{i}", "text": t, "published": "2018-07-12"}) for i, t in enumerate(POSTS)]
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
