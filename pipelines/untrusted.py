"""Read what comes from outside (config and profile files, user values in messages) within
bounds, so that a small hostile file cannot expand into gigabytes or print a megabyte line.

One place for these limits: every YAML file the project reads from a user goes through
`load_yaml`, and every user value quoted in an error message goes through `shown`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: Largest YAML file read from a user (sources, profiles, vocabulary, scoring), in bytes.
MAX_YAML_BYTES = 1_000_000
#: Longest user value quoted in a one-line error message, in characters.
MAX_SHOWN = 80


class UntrustedInputError(ValueError):
    """A file or value broke one of the bounds here; the message is one line."""


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: none of our files needs them, and they are how a 700-byte file
    expands into gigabytes ("billion laughs")."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed")
        return super().compose_node(parent, index)


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """A user value as it may appear in a message: one line, control characters made
    visible, at most `limit` characters."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_yaml_file(path: Path, source: str, max_bytes: int = MAX_YAML_BYTES) -> Any:
    """`load_yaml` of a file, read no further than the cap. OSError (missing, unreadable)
    passes through for the caller to word."""
    with path.open("rb") as fh:
        return load_yaml(fh.read(max_bytes + 1), source, max_bytes)


def load_config_file(path: Path, what: str, error: type[Exception]) -> Any:
    """A user's YAML config file (sources, monitors...) within the bounds, every problem as
    `error` with one line naming `what` and the file."""
    try:
        return load_yaml_file(path, shown(path))
    except OSError as exc:
        raise error(f"cannot read {what} {shown(path)}: {exc.strerror or exc}") from None
    except UntrustedInputError as exc:
        raise error(str(exc)) from None


def load_yaml(
    text: str | bytes, source: str, max_bytes: int = MAX_YAML_BYTES, *, trusted: bool = False
) -> Any:
    """Parse YAML from outside: size-capped, aliases refused, errors as one line.

    `trusted` is for the project's own shipped files (config/*.yaml as installed): read by
    libyaml's safe loader, ~10x faster, since every command reads them at start-up."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8"))
    if size > max_bytes:
        raise UntrustedInputError(f"{source}: larger than {max_bytes} bytes")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else _NoAliasLoader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - safe loaders only
    except RecursionError as exc:  # "[[[[...": nesting past Python's stack
        raise UntrustedInputError(f"{source}: nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise UntrustedInputError(f"{source}: not valid YAML: {shown(exc)}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UntrustedInputError(f"{source}: not valid YAML{at}: {shown(problem)}") from exc
