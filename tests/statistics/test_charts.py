"""Charts: valid, accessible, deterministic SVG; PNG that opens; empty and withheld data handled."""

from __future__ import annotations

import io
import threading
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from tests.statistics.samples import C, L, full, stats, table
from tipline.statistics import charts
from tipline.statistics.publish import suppress

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.fixture(scope="module")
def drawn() -> dict[str, charts.Chart]:
    return charts.draw_all(suppress(full(), 10), below=10)


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_svg_is_valid_accessible_and_has_no_script(drawn: dict[str, charts.Chart], name: str) -> None:
    chart = drawn[name]
    svg = chart.svg()
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{name}-title {name}-desc"
    assert root.get("width") == "100%"
    assert root.get("viewBox")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == chart.title
    assert desc is not None
    assert desc.text == chart.description
    assert "<script" not in svg.lower()
    assert " on" not in svg.lower().replace(" one", "")  # no event handlers (onload=...)
    assert "<!--" not in svg
    assert "http://" not in svg.replace("http://www.w3.org/", "").replace("http://purl.org/", "").replace(
        "http://creativecommons.org/", ""
    )
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert all(i.startswith(f"{name}-") for i in ids)  # several charts on one page do not collide
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_png_opens(drawn: dict[str, charts.Chart], name: str) -> None:
    data = drawn[name].png(dpi=100)
    with Image.open(io.BytesIO(data)) as img:
        img.verify()
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG"
        assert img.width == 640  # readable at 640 px: drawn for that width
        assert img.height >= 150


def test_svg_is_deterministic() -> None:
    one = charts.time_series(full()).svg()
    two = charts.time_series(full()).svg()
    assert one == two
    assert "<dc:date>" not in one


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_empty_tables_and_missing_tables_say_so(name: str) -> None:
    empty = stats([table(t, [("x", L), ("n", C)], []) for t in ("by_month", "funnel_by_state", "victims")])
    for s in (empty, stats([])):
        chart = charts.CHARTS[name](s)
        assert chart.description == charts.NO_DATA + "."
        parse(chart.svg())
        assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_withheld_values_are_not_drawn_and_a_note_says_so(drawn: dict[str, charts.Chart]) -> None:
    by_state = drawn["by_state"]
    assert "Malta withheld" in by_state.description
    texts = [t.get_text() for t in by_state.figure.texts] + [
        t.get_text() for ax in by_state.figure.axes for t in ax.texts
    ]
    assert "withheld" in texts
    assert any("Counts below 10 are withheld" in t for t in [by_state.figure.get_supxlabel()])
    funnel = drawn["funnel"].description
    assert "at least" in funnel  # a total over withheld values is a lower bound
    assert "Investigation opened or contributed" not in funnel or "Investigated" in funnel


def test_member_states_only_sorted_largest_first() -> None:
    s = stats(
        [
            table(
                "forwarded_by_state",
                [("state", L), ("kind", L), ("referrals", C)],
                [
                    ["NL", "member_state", 20],
                    ["EUROPOL", "europol", 500],
                    ["FR", "member_state", 300],
                    ["XX", "member_state", None],
                ],
            )
        ]
    )
    chart = charts.by_state(s)
    assert chart.description == "Reports forwarded: France 300; Netherlands 20; XX withheld."
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert labels == ["France", "Netherlands", "XX"]


def test_labels_are_text_not_markup() -> None:
    s = stats(
        [
            table(
                "forwarded_by_state",
                [("state", L), ("kind", L), ("referrals", C)],
                [["$x^2$ <script>alert(1)</script> --> & co", "member_state", 100]],
            )
        ]
    )
    chart = charts.by_state(s)
    svg = chart.svg()
    parse(svg)
    assert "<script>" not in svg
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert labels == ["$x^2$ <script>alert(1)</script> --> & co"]


def test_charts_can_be_drawn_from_several_threads() -> None:
    s = suppress(full(), 10)
    out: list[str] = []
    errors: list[BaseException] = []

    def draw() -> None:
        try:
            out.append(charts.victims(s, below=10).svg())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(out)) == 1


def test_svg_for_an_img_keeps_its_size() -> None:
    root = parse(charts.funnel(full()).svg(inline=False))
    assert root.get("width", "").endswith("pt")
    assert root.get("height", "").endswith("pt")
