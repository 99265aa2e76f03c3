"""The built spaCy pipeline kept on disk between runs, so a command that reads one resume
(`mrt match`) does not rebuild the term rulers every time (~0.3 s of its start-up).

The file is the pipeline pickled, under the user's cache directory (`MRT_CACHE_DIR`, else
`$XDG_CACHE_HOME/mrt-skills`, else `~/.cache/mrt-skills`; `MRT_CACHE_DIR=off` turns it off).
Its name is a hash of everything the pipeline is built from: the taxonomy and vocabulary
versions, the extractor's own source files, spaCy's and Python's versions; anything else is
rebuilt. Unpickling runs code, so a file is read only when it is the current user's own and
no one else may write it or its folder; one that fails to load is rebuilt and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

EXTRACT_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    chosen = os.environ.get("MRT_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "false") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mrt-skills"


def code_files() -> list[Path]:
    """The code a saved pipeline depends on: the extractor's modules, and the loaders of
    the taxonomy and the vocabulary whose output it is built from."""
    shared = [EXTRACT_DIR.parent / "taxonomy.py", EXTRACT_DIR.parent / "vocabulary.py"]
    return [*sorted(EXTRACT_DIR.glob("*.py")), *shared]


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """The extractor's source files hashed, once per process (the code a process runs does
    not change under it; the pipeline key and every Extractor ask for it)."""
    digest = hashlib.sha256()
    for source in code_files():
        digest.update(source.name.encode("utf-8") + b"\0" + source.read_bytes())
    return digest.digest()


def rules_digest() -> str:
    """A digest of what a reading rests on besides the taxonomy: the vocabulary in force
    and the extractor's code. It is part of the version stored with every extraction, so a
    new cue word or a changed rule re-extracts the stored postings as a taxonomy edit does."""
    from pipelines.vocabulary import load_vocabulary

    digest = hashlib.sha256(load_vocabulary().version.encode("utf-8") + b"\0")
    digest.update(_code_digest())
    return digest.hexdigest()[:10]


def pipeline_key(taxonomy_version: str) -> str:
    """A name for the pipeline built from these inputs and this code."""
    import spacy

    digest = hashlib.sha256()
    for part in (taxonomy_version, rules_digest(), spacy.__version__, sys.version):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def _private(*items: Path) -> bool:
    """Each item owned by the current user and writable by no one else."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    for item in items:
        info = item.stat()
        if uid is not None and info.st_uid != uid:
            return False
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def load_saved(key: str) -> Any | None:
    """The saved pipeline of `key`, or None (none saved, not private, or unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"pipeline-{key}.pickle"
    try:
        if not path.is_file() or not _private(path, path.parent):
            return None
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - a private file this code wrote (see above)
    except Exception:  # noqa: BLE001 - a broken cache is rebuilt, never an error
        return None


def save(key: str, nlp: Any) -> None:
    """Keep `nlp` for the next run; any failure (read-only home, full disk) is ignored."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder):
            return
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".pipeline-", delete=False) as fh:
            pickle.dump(nlp, fh, protocol=pickle.HIGHEST_PROTOCOL)
            temp = Path(fh.name)
        os.chmod(temp, 0o600)
        os.replace(temp, folder / f"pipeline-{key}.pickle")
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return
