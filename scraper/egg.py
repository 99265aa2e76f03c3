"""Build the Scrapyd egg of the installed project: its packages, data and a content hash.

The egg holds what a wheel of the project holds (the ``scraper``, ``pipelines`` and
``matcher`` packages, their modules and package data) plus ``config/*.yaml`` when the
project runs from a source tree, read from wherever Python imports the packages from.
Its version is the package version with a content hash as local part
(``0.1.0+3f2a9c1d2e4b``): a changed file makes a new version, an unchanged tree the same
bytes. Scrapyd loads it through :mod:`scraper.egg_settings`, copied to the egg's top level.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import zipfile
from dataclasses import dataclass
from importlib import metadata
from io import BytesIO
from pathlib import Path

from scraper.egg_settings import BUILD_FILE, PACKAGES

DISTRIBUTION = "mrt-skills"
SETTINGS_MODULE = "mrt_scrapyd_settings"  # the egg's top-level copy of scraper.egg_settings
# Package data, as pyproject.toml's [tool.setuptools.package-data] lists it.
DATA_SUFFIXES = (
    ".py", ".yaml", ".yml", ".json", ".jsonl", ".html", ".j2", ".ini", ".mako", ".md",
    ".txt", ".css", ".svg",
)  # fmt: skip
EPOCH = (1980, 1, 1, 0, 0, 0)  # every entry's timestamp, so that equal trees give equal eggs


@dataclass(frozen=True)
class Egg:
    version: str
    digest: str  # 12 hex digits of SHA-256 over the files' names and contents
    data: bytes

    @property
    def stored_as(self) -> str:
        """The name Scrapyd lists the version under (it keeps ``[A-Za-z0-9_-]`` only)."""
        return stored_version(self.version)


def stored_version(version: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", version)


def package_root(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def project_files() -> dict[str, Path]:
    """Name in the egg -> file, for every module and data file of the installed project."""
    files: dict[str, Path] = {}
    for package in PACKAGES:
        root = package_root(package)
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if (
                path.is_file()
                and path.suffix in DATA_SUFFIXES
                and "__pycache__" not in relative.parts
                and not any(part.startswith(".") for part in relative.parts)
            ):
                files[f"{package}/{relative.as_posix()}"] = path
    config = package_root("scraper").parent / "config"
    for path in sorted(config.glob("*.yaml")) if config.is_dir() else []:
        files[f"config/{path.name}"] = path
    files[f"{SETTINGS_MODULE}.py"] = package_root("scraper") / "egg_settings.py"
    return files


def build_egg() -> Egg:
    """The egg of the project as installed now."""
    contents = {name: path.read_bytes() for name, path in sorted(project_files().items())}
    hasher = hashlib.sha256()
    for name, data in contents.items():
        hasher.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    digest = hasher.hexdigest()[:12]
    version = f"{metadata.version(DISTRIBUTION)}+{digest}"
    contents |= {
        BUILD_FILE: json.dumps({"version": version, "digest": digest}).encode(),
        "EGG-INFO/PKG-INFO": (
            f"Metadata-Version: 1.1\nName: {DISTRIBUTION}\nVersion: {version}\n"
        ).encode(),
        "EGG-INFO/entry_points.txt": f"[scrapy]\nsettings = {SETTINGS_MODULE}\n".encode(),
        "EGG-INFO/top_level.txt": "\n".join([*PACKAGES, SETTINGS_MODULE, ""]).encode(),
        "EGG-INFO/not-zip-safe": b"\n",
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as egg:
        for name in sorted(contents):
            entry = zipfile.ZipInfo(name, date_time=EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            egg.writestr(entry, contents[name])
    return Egg(version=version, digest=digest, data=buffer.getvalue())
