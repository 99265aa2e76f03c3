"""Charts as inline SVG strings, built by hand: no JavaScript, no network, no fonts to load.

Every label passes through :func:`markupsafe.escape`; the result is ``Markup`` so the
template inserts it as is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

PALETTE = ("#1f5f8b", "#7fb3d5", "#e07b39", "#5b8c5a", "#8e6c8a", "#c9a227", "#b04a4a", "#4a4a4a")
FONT = 'font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, sans-serif" font-size="12"'


def _fmt(value: float, percent: bool) -> str:
    return f"{100 * value:.0f}%" if percent else f"{value:,.0f}"


def nice_max(value: float) -> float:
    """The next 1, 2, 2.5 or 5 times a power of ten at or above ``value`` (axis top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-12:
            return step * power
    return 10 * power


def _svg(name: str, title: str, width: int, height: int, body: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{escape(name)}" '
        f'role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" {FONT}>'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _legend(series: Sequence[str], x: float, y: float) -> list[str]:
    out, offset = [], x
    for i, label in enumerate(series):
        out.append(
            f'<rect x="{offset:.1f}" y="{y - 9}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{offset + 14:.1f}" y="{y}" fill="#333">{escape(label)}</text>'
        )
        offset += 24 + 7 * len(label)
    return out


def bar_chart(
    name: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[str],
    *,
    percent: bool = True,
    width: int = 640,
    legend: bool | None = None,
) -> Markup:
    """Horizontal bars, one per row, stacked by series (e.g. required + preferred share).

    The legend shows by default when there are several series.
    """
    longest = max((min(len(label), 28) for label, _ in rows), default=8)
    label_w, bar_h, gap, top = int(min(215, 20 + 6.8 * longest)), 16, 6, 30
    plot_w = width - label_w - 60
    height = top + len(rows) * (bar_h + gap) + 10
    totals = [sum(values) for _, values in rows]
    scale_max = max(totals + [1e-9]) if not percent else max(max(totals + [0]), 0.05)
    body = (
        _legend(series, label_w, 14) if (legend if legend is not None else len(series) > 1) else []
    )
    for i, (label, values) in enumerate(rows):
        y = top + i * (bar_h + gap)
        text = label if len(label) <= 28 else label[:27] + "…"
        body.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 4}" text-anchor="end" fill="#222">'
            f"<title>{escape(label)}</title>{escape(text)}</text>"
        )
        x = float(label_w)
        for j, value in enumerate(values):
            w = plot_w * value / scale_max if scale_max else 0
            if w > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                    f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(label)} – '
                    f"{escape(series[j])}: {_fmt(value, percent)}</title></rect>"
                )
            x += w
        body.append(
            f'<text x="{x + 5:.1f}" y="{y + bar_h - 4}" fill="#444">{_fmt(totals[i], percent)}</text>'
        )
    if not rows:
        body.append(f'<text x="{label_w}" y="{top + 12}" fill="#666">no data</text>')
        height = top + 30
    return _svg(name, title, width, height, body)


def line_chart(
    name: str,
    title: str,
    x_labels: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    percent: bool = False,
    width: int = 640,
    height: int = 240,
) -> Markup:
    """Lines over time; x labels thinned to about eight."""
    left, right, top, bottom = 50, 20, 30, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for vs in series.values() for v in vs]
    y_max = nice_max(max(values + [0]) if not percent else max(max(values + [0]), 0.05))
    if not percent:
        y_max = max(y_max, 4)  # whole-number ticks for small counts
    n = len(x_labels)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    body = _legend(list(series), left, 14)
    for k in range(5):
        v = y_max * k / 4
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="#e3e3e3"/>'
            f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end" fill="#666">{_fmt(v, percent)}</text>'
        )
    step = max(1, round(n / 8))
    for i in range(0, n, step):
        body.append(
            f'<text x="{px(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" fill="#666">'
            f"{escape(x_labels[i])}</text>"
        )
    for j, (label, vs) in enumerate(series.items()):
        color = PALETTE[j % len(PALETTE)]
        points = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(vs))
        body.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}">'
            f"<title>{escape(label)}</title></polyline>"
        )
        if n <= 40:
            body.extend(
                f'<circle cx="{px(i):.1f}" cy="{py(v):.1f}" r="2.5" fill="{color}"/>'
                for i, v in enumerate(vs)
            )
    if n == 0:
        body.append(f'<text x="{left + 10}" y="{top + 20}" fill="#666">no data</text>')
    return _svg(name, title, width, height, body)


def heatmap(
    name: str,
    title: str,
    labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    *,
    width: int = 640,
) -> Markup:
    """A square matrix of shares (row item -> share also asking for the column item)."""
    n = len(labels)
    label_w = 180
    cell = max(16, min(40, (width - label_w - 10) // max(n, 1)))
    top = 150
    height = top + n * cell + 10
    body = []
    for j, label in enumerate(labels):
        x = label_w + j * cell + cell / 2
        body.append(
            f'<text transform="translate({x:.1f},{top - 6}) rotate(-55)" fill="#222">'
            f"<title>{escape(label)}</title>{escape(label[:22])}</text>"
        )
    for i, label in enumerate(labels):
        y = top + i * cell
        body.append(
            f'<text x="{label_w - 6}" y="{y + cell / 2 + 4:.1f}" text-anchor="end" fill="#222">'
            f"{escape(label[:24])}</text>"
        )
        for j, value in enumerate(matrix[i]):
            x = label_w + j * cell
            if value is None:
                fill, tip = "#f4f4f4", ""
            else:
                fill = f"rgba(31,95,139,{0.08 + 0.92 * value:.3f})"
                tip = f"<title>{escape(label)} → {escape(labels[j])}: {_fmt(value, True)}</title>"
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="{fill}">{tip}</rect>'
            )
            if value is not None and cell >= 28:
                ink = "#fff" if value > 0.55 else "#1d2733"
                body.append(
                    f'<text x="{x + (cell - 1) / 2:.1f}" y="{y + cell / 2 + 4:.1f}" '
                    f'text-anchor="middle" font-size="10" fill="{ink}">{_fmt(value, True)}</text>'
                )
    if n == 0:
        body.append(f'<text x="{label_w}" y="20" fill="#666">no data</text>')
        height = 40
    return _svg(name, title, width, height, body)
