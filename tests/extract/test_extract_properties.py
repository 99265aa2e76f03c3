"""Property tests: arbitrary text or HTML never crashes the extractor, and evidence offsets slice the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.extract.text import posting_text

FRAGMENTS = st.sampled_from(
    [
        "RHIT", "RHIT-eligible", "R.H.I.T.", "CPT®", "ICD-10-CM", "CCS-P", "E/M.", "Requirements:",
        "Preferred", "nice to have:", "\n- ", " • ", " or ", ", ", "one of the following:", "within",
        "12 months of hire", "three (3) years", "$18.50 - $24.75/hr", "$54K–$66K", "<p>", "</p>",
        "<li>", "<br>", "&amp;", "&nbsp;", "OR\n", "Associate degree", "HS dip", "Epic", "PCC",
        "eligible to sit for", "(", ")", ";", ".", "\n\n", "ABOUT US", "Benefits:", "tuition",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=400), st.lists(FRAGMENTS | st.text(max_size=8), max_size=60).map("".join)
)


def _check(result: dict, text: str) -> None:
    for key in ("credentials", "skills", "education", "experience"):
        for entry in result[key]:
            for ev in entry["evidence"]:
                assert text[ev["start"] : ev["end"]] == ev["text"]
    assert result["salary"] is None or result["salary"]["period"] in ("hour", "year")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(description=TEXTS, title=st.sampled_from(["Medical Coder", "HIM Technician", "", "Nurse"]))
def test_never_crashes_and_offsets_slice(extractor, description: str, title: str) -> None:
    result = extractor.extract({"id": 1, "title": title, "description": description})
    _check(result, posting_text({"description": description}))
    for m in extractor.find_mentions(description):
        assert description[m.start : m.end] == m.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(descriptions=st.lists(TEXTS, min_size=1, max_size=5))
def test_extract_many_matches_extract(extractor, descriptions: list[str]) -> None:
    postings = [
        {"id": i, "title": "Medical Coder", "description": d} for i, d in enumerate(descriptions)
    ]
    assert list(extractor.extract_many(postings, batch_size=2)) == [
        extractor.extract(p) for p in postings
    ]
