"""Read the tables of a rendered report back: {data-table: (column keys, rows of cell text)}."""

from __future__ import annotations

from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, tuple[list[str], list[list[str]]]] = {}
        self._name: str | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._name = attrs["data-table"]
            self.tables[self._name] = ([], [])
        elif self._name and tag == "th":
            self.tables[self._name][0].append(attrs.get("data-col", ""))
        elif self._name and tag == "tr":
            self._row = []
        elif self._name and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._name = None
        elif tag == "td" and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._name and self._row:
            self.tables[self._name][1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_tables(html: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    reader = _TableReader()
    reader.feed(html)
    return reader.tables
