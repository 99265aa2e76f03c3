"""html_to_text on the forms job boards really serve, and its fixed-point property."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.normalize.html import html_to_text, unescape

CASES = [
    ("<p>Hello &amp; welcome&nbsp;to us</p>", "Hello & welcome to us"),
    ("Pay &ndash; $20&#8211;$25 &#x2014; weekly", "Pay – $20–$25 — weekly"),
    ("line1<br>line2<br/>line3", "line1\nline2\nline3"),
    ("one<br><br><br><br>two", "one\n\ntwo"),
    ("<ul><li>RHIT</li><li> CCS </li></ul>", "- RHIT\n- CCS"),
    (
        "<ul><li>Coding<ul><li>ICD-10-CM</li><li>CPT</li></ul></li><li>Epic</li></ul><p>End</p>",
        "- Coding\n- ICD-10-CM\n- CPT\n- Epic\n\nEnd",
    ),
    ("<ol><li><p>Paragraph in item</p></li></ol>", "- Paragraph in item"),
    (
        "<table><tr><th>Pay</th><th>Shift</th></tr><tr><td>$20</td><td>Day</td></tr></table>",
        "Pay | Shift\n$20 | Day",
    ),
    (
        "<div><strong>Qualifications</strong>\nMust have RHIA</div>",
        "Qualifications\nMust have RHIA",
    ),
    ("<p><strong>Requirements:</strong> RHIT required</p>", "Requirements: RHIT required"),
    ("<p>We are <b>hiring</b> now</p>", "We are hiring now"),
    ("<h2>About</h2><p>Text</p><h3>Duties</h3>Body", "About\n\nText\n\nDuties\n\nBody"),
    ("<script>alert(1)</script><style>p{color:red}</style><p>x</p><!-- note -->", "x"),
    ("<p>Truncated <b>bold <ul><li>item", "Truncated bold\n\n- item"),
    ("<div><p>Unclosed<div>inner</p>", "Unclosed\n\ninner"),
    # Greenhouse serves escaped HTML; after one unescape it may still hold &amp;nbsp;.
    (
        html.unescape(
            "&lt;p&gt;Coding&amp;nbsp;Specialist&lt;/p&gt;&lt;ul&gt;&lt;li&gt;CPC&lt;/li&gt;&lt;/ul&gt;"
        ),
        "Coding Specialist\n\n- CPC",
    ),
    ("&lt;p&gt;Still escaped &amp;amp; twice&lt;/p&gt;", "Still escaped & twice"),
    ("&amp;nbsp;RHIT&amp;nbsp;&amp;nbsp;preferred", "RHIT preferred"),
    (
        "Plain text\r\n\r\n\r\n\r\nwith   tabs\tand &amp; entity\n- bullet",
        "Plain text\n\nwith tabs and & entity\n- bullet",
    ),
    ("Salary < $50k and <3 years, use <Epic>", "Salary < $50k and <3 years, use <Epic>"),
    ("<html><head><title>T</title></head><body><p>Doc</p></body></html>", "Doc"),
    ("<pre>keep\n  lines</pre>", "keep\nlines"),
    ("zero\u200bwidth\u00a0space", "zerowidth space"),
    ("", ""),
    ("   \n\n  ", ""),
]


@pytest.mark.parametrize(("markup", "expected"), CASES)
def test_real_world_forms(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(("markup", "expected"), CASES)
def test_output_is_a_fixed_point(markup: str, expected: str) -> None:
    once = html_to_text(markup)
    assert html_to_text(once) == once


def test_none_is_empty() -> None:
    assert html_to_text(None) == ""


_fragments = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<br>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<td>",
        "<tr>",
        "<b>",
        "</b>",
        "<strong>",
        "</strong>",
        "&amp;",
        "&nbsp;",
        "&amp;nbsp;",
        "&lt;p&gt;",
        "&lt;",
        "<",
        ">",
        "\n",
        "  ",
        "RHIT",
        "ICD-10-CM",
        "- ",
        "|",
        "&#8211;",
        "<div>",
        "</div>",
        "<h2>",
        "&",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_fragments, st.text(max_size=6)), max_size=30).map("".join))
def test_idempotent_on_arbitrary_soup(markup: str) -> None:
    once = html_to_text(markup)
    assert html_to_text(once) == once


def test_comment_only_and_empty_markup() -> None:
    assert html_to_text("<!-- only a comment -->") == ""
    assert html_to_text("<p></p><br>") == ""
    assert html_to_text("a<!-- unclosed comment") == "a"


_escaped_fragments = st.sampled_from(
    ["&lt;", "&gt;", "&quot;", "&#39;", "&#x27;", "&amp;", "&amp;lt;", "&amp;nbsp;", "&nbsp;",
     "&lt", "&#8211;", "&ampx;", "&", ";", "lt;", "#39;", "<p>", "RHIT", " "]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_escaped_fragments, st.text(max_size=4)), max_size=30).map("".join))
def test_unescape_is_html_unescape(value: str) -> None:
    assert unescape(value) == html.unescape(value)


def test_unescape_greenhouse_content() -> None:
    escaped = html.escape('<p>Pay &amp; benefits: &nbsp;RHIT\'s <b>"required"</b></p>')
    assert unescape(escaped) == '<p>Pay &amp; benefits: &nbsp;RHIT\'s <b>"required"</b></p>'
    assert unescape("&lt;p&gt;caf&eacute;&lt;/p&gt;") == "<p>café</p>"
