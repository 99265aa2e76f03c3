"""A NUL or lone surrogate in a board's response is taken out before the store and counted
(mrt/text/nul_removed); the batch it is in is stored whole."""

from __future__ import annotations

import json

import pytest
from helpers import rows, run
from localboard import LocalBoard, Reply, greenhouse_job

from pipelines.store import crawl_runs
from pipelines.store.db import open_store

pytestmark = pytest.mark.timeout(60)

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
CODER = "<p>Assign ICD-10-CM codes.</p><ul><li>CPC required</li></ul>"


def test_nul_and_lone_surrogates_in_a_feed_are_removed_and_counted(db_url: str) -> None:
    jobs = [greenhouse_job("nul", n, "Medical Coder", CODER) for n in (1, 2, 3)]
    jobs[0]["title"], jobs[0]["content"] = "Medical\x00 Coder", "<p>CPC\x00 required</p>"
    jobs[1]["title"] = "Medical Coder \ud800"
    # json.dumps writes them as the escapes \u0000 and \ud800, as a board would; a JSON
    # decoder reads them back as a NUL and an unpaired surrogate.
    body = json.dumps({"jobs": jobs})
    assert "\\u0000" in body and "\\ud800" in body
    with LocalBoard() as board:
        board.route("/v1/boards/nul/jobs?content=true",
                    Reply(body=body, headers={"Content-Type": "application/json"}))  # fmt: skip
        summary = run([{"kind": "greenhouse", "board": "nul", "api_url": board.url, "pay": False}],
                      db_url, settings=FAST)  # fmt: skip
    (feed,) = summary.feeds
    assert feed.stored == 3 and feed.errors == 0 and feed.complete
    titles = sorted(r["title"].strip() for r in rows(db_url))
    assert titles == ["Medical Coder", "Medical Coder", "Medical Coder"]
    assert all("\x00" not in r["description"] for r in rows(db_url))
    store = open_store(db_url)
    try:
        (source,) = crawl_runs.run_sources(store, summary.run_id)
    finally:
        store.dispose()
    assert source["stats"]["mrt/text/nul_removed"] >= 2
    assert source["stats"]["mrt/text/surrogates_removed"] >= 1
