"""The built pipeline saved between runs reads exactly as a fresh build, and a cache file
that is broken or not private is never trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.extract import extractor as extractor_module
from pipelines.extract import saved
from pipelines.extract.extractor import Extractor
from pipelines.extract.pipeline import build_pipeline
from pipelines.taxonomy import load_taxonomy

POSTINGS = [
    {
        "id": "a",
        "title": "Medical Coder",
        "description": "CPC or CCS required. Epic a plus. $24/hr",
    },
    {"id": "b", "title": "Health Records Clerk", "description": "Scan and index records; HIPAA."},
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MRT_CACHE_DIR", str(folder))
    return folder


def _read(nlp) -> list[str]:
    taxonomy = load_taxonomy()
    return [json.dumps(r, sort_keys=True) for r in Extractor(nlp, taxonomy).extract_many(POSTINGS)]


def test_a_saved_pipeline_is_used_and_reads_as_a_fresh_one(cache, monkeypatch) -> None:
    taxonomy = load_taxonomy()
    first = extractor_module._pipeline(taxonomy)  # built, then saved
    files = list(cache.glob("pipeline-*.pickle"))
    assert len(files) == 1 and (files[0].stat().st_mode & 0o077) == 0

    def no_build(_taxonomy):
        raise AssertionError("the saved pipeline should have been used")

    monkeypatch.setattr(extractor_module, "build_pipeline", no_build)
    again = extractor_module._pipeline(taxonomy)
    assert again is not first
    assert _read(again) == _read(build_pipeline(taxonomy))


def test_a_broken_or_shared_file_is_rebuilt_not_trusted(cache) -> None:
    taxonomy = load_taxonomy()
    key = saved.pipeline_key(taxonomy.version)
    cache.mkdir(mode=0o700)
    path = cache / f"pipeline-{key}.pickle"
    path.write_bytes(b"not a pickle")
    path.chmod(0o600)
    assert saved.load_saved(key) is None
    saved.save(key, build_pipeline(taxonomy))
    path.chmod(0o666)  # anyone could have replaced it
    assert saved.load_saved(key) is None


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MRT_CACHE_DIR", "off")
    assert saved.cache_dir() is None
    saved.save("k", object())
    assert not any(tmp_path.iterdir())


def test_a_change_of_code_or_taxonomy_changes_the_key(monkeypatch) -> None:
    version = load_taxonomy().version
    assert saved.pipeline_key(version) != saved.pipeline_key(version + "x")
    assert saved.pipeline_key(version) == saved.pipeline_key(version)
    assert os.environ.get("MRT_CACHE_DIR")  # the test run's own folder, never ~/.cache


def test_the_key_covers_the_loaders_the_pipeline_is_built_from() -> None:
    import pipelines.taxonomy
    import pipelines.vocabulary

    files = {path.resolve() for path in saved.code_files()}
    assert all(path.is_file() for path in files)
    for module in (pipelines.taxonomy, pipelines.vocabulary, saved):
        assert Path(module.__file__).resolve() in files


def test_the_stored_version_changes_with_the_vocabulary(tmp_path, monkeypatch) -> None:
    """A cue word added to the vocabulary changes the version stored with each extraction,
    so the next `mrt extract` reads every posting again, as a taxonomy edit does."""
    from pipelines.vocabulary import DEFAULT_VOCABULARY

    taxonomy = load_taxonomy()
    before = Extractor(build_pipeline(taxonomy), taxonomy).taxonomy_version
    assert before.startswith(f"{taxonomy.version}+")
    copy = tmp_path / "vocabulary.yaml"
    text = DEFAULT_VOCABULARY.read_text(encoding="utf-8")
    copy.write_text(text.replace("  preferred:\n", "  preferred:\n    - 'would be lovely'\n", 1))
    monkeypatch.setenv("MRT_VOCABULARY", str(copy))
    assert saved.rules_digest() != before.split("+")[1]
    monkeypatch.delenv("MRT_VOCABULARY")
    assert saved.rules_digest() == before.split("+")[1]
