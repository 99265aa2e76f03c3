"""The bounds on input from outside: YAML size and aliases, quoted values in messages."""

import pytest

from pipelines.untrusted import UntrustedInputError, load_yaml, shown


def test_yaml_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(UntrustedInputError, match="aliases"):
        load_yaml(bomb, "profile.yaml")


def test_yaml_over_the_size_cap_is_refused_before_parsing():
    with pytest.raises(UntrustedInputError, match="larger than 100 bytes"):
        load_yaml("k: " + "v" * 200, "sources.yaml", max_bytes=100)


def test_yaml_error_is_one_short_line():
    with pytest.raises(UntrustedInputError) as caught:
        load_yaml("key: [unclosed " + "x" * 5000, "f.yaml")
    message = str(caught.value)
    assert "\n" not in message and len(message) < 200


def test_plain_yaml_still_loads():
    assert load_yaml("a: [1, 2]\nb: text\n", "f.yaml") == {"a": [1, 2], "b": "text"}


def test_shown_clips_and_makes_control_characters_visible():
    assert shown("x" * 500) == "x" * 79 + "…"
    assert "\x1b" not in shown("\x1b]0;owned\x07title") and "\\x1b" in shown("\x1b[2J")
    assert "\n" not in shown("two\nlines")


def test_deep_nesting_and_huge_numbers_are_one_line_errors():
    with pytest.raises(UntrustedInputError, match="nested too deeply"):
        load_yaml("[" * 100_000, "deep.yaml")
    with pytest.raises(UntrustedInputError) as caught:
        load_yaml("n: " + "9" * 50_000, "big.yaml")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200
