"""Packaging labels: dot centres on the profile's grid (parsed back from SVG and PDF), layers in registration,
accessible SVG, extractable CJK text in the PDF, and any Unicode name rendering without a crash."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pypdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf.generic import ContentStream

from barrierfree.braille.cells import cell_from_dots, to_unicode
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.braille.labels import (
    MAX_BRAILLE_LINES,
    MAX_NAME_CHARS,
    DotPosition,
    LabelContent,
    dot_positions,
    dot_report,
    pinyin_for,
    render_pdf,
    render_svg,
)
from barrierfree.braille.profiles import GBT_15720, LabelProfile, custom_profile, get_profile
from barrierfree.braille.text import Reading, Segment, SegmentKind

NS = {"svg": "http://www.w3.org/2000/svg"}
TOLERANCE_MM = 0.05  # the acceptance figure for dot centres
MM_PER_PT = 25.4 / 72
# Dot number -> (column, row): written out here, independently of the module under test.
GRID = {1: (0, 0), 2: (0, 1), 3: (0, 2), 4: (1, 0), 5: (1, 1), 6: (1, 2), 7: (0, 3), 8: (1, 3)}


def c(dots: str) -> int:
    return cell_from_dots(dots)


# 阿胶补血颗粒 (Ejiao blood-nourishing granules) with a Latin tail; the first cell is full so dot 1 of line 0
# cell 0 is the grid's origin; blank cells (word spaces) and an eight-dot cell are included on purpose.
SAMPLE = LabelContent(
    zh_name="阿胶补血颗粒VC",
    pinyin=("ē", "jiāo", "bǔ", "xuè", "kē", "lì", "", ""),
    en_name="Ejiao Blood-Nourishing Granules",
    braille_lines=(
        (c("123456"), c("1"), c("12"), 0, c("2456"), c("345"), c("16"), 0, c("36")),
        (c("14"), c("145"), c("15"), c("124"), c("1245")),
        (c("125"), c("24"), c("245"), c("12345678")),
    ),
)

PROFILES = [
    get_profile(),
    get_profile(GBT_15720),
    custom_profile(dot_diameter_mm=1.2, dot_spacing_mm=2.3, cell_spacing_mm=5.7, line_spacing_mm=9.1, margin_mm=3.3),
]


def _parse(svg: str) -> ET.Element:
    """Parse an SVG this module generated itself (trusted input)."""
    return ET.fromstring(svg)  # noqa: S314


def _svg_size(root: ET.Element) -> tuple[float, float]:
    assert root.get("width", "").endswith("mm") and root.get("height", "").endswith("mm")
    width, height = float(root.get("width", "")[:-2]), float(root.get("height", "")[:-2])
    assert [float(part) for part in root.get("viewBox", "").split()] == [0, 0, width, height]  # 1 user unit = 1 mm
    return width, height


def _svg_dots(svg: str) -> list[tuple[float, float, float]]:
    root = _parse(svg)
    return [
        (float(e.get("cx", "")), float(e.get("cy", "")), float(e.get("r", "")))
        for e in root.iter(f"{{{NS['svg']}}}circle")
    ]


def _expected_offsets(content: LabelContent, profile: LabelProfile) -> list[tuple[float, float]]:
    """Each raised dot relative to dot 1 of line 0 cell 0, from the profile's numbers alone."""
    offsets = []
    for line_index, line in enumerate(content.braille_lines):
        for cell_index, cell in enumerate(line):
            for dot in range(1, 9):
                if cell >> (dot - 1) & 1:
                    column, row = GRID[dot]
                    offsets.append(
                        (
                            cell_index * profile.cell_spacing_mm + column * profile.dot_spacing_mm,
                            line_index * profile.line_spacing_mm + row * profile.dot_spacing_mm,
                        )
                    )
    return offsets


def _max_grid_deviation(found: list[tuple[float, float]], content: LabelContent, profile: LabelProfile) -> float:
    """Match every expected dot to exactly one found centre; return the largest distance, fail on any mismatch."""
    origin_x = min(x for x, _y in found)
    origin_y = min(y for _x, y in found)
    expected = [(origin_x + dx, origin_y + dy) for dx, dy in _expected_offsets(content, profile)]
    assert len(found) == len(expected)
    worst = 0.0
    unmatched = list(found)
    for ex, ey in expected:
        near = [(x, y) for x, y in unmatched if abs(x - ex) <= TOLERANCE_MM and abs(y - ey) <= TOLERANCE_MM]
        assert len(near) == 1, f"expected one dot at ({ex:.3f}, {ey:.3f}), found {near}"
        unmatched.remove(near[0])
        worst = max(worst, abs(near[0][0] - ex), abs(near[0][1] - ey))
    assert not unmatched
    return worst


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_svg_dot_centres_lie_on_the_profile_grid(profile: LabelProfile) -> None:
    svg = render_svg(SAMPLE, profile)
    root = _parse(svg)
    _svg_size(root)
    dots = _svg_dots(svg)
    worst = _max_grid_deviation([(x, y) for x, y, _r in dots], SAMPLE, profile)
    assert worst <= TOLERANCE_MM
    assert all(r == pytest.approx(profile.dot_diameter_mm / 2, abs=1e-4) for _x, _y, r in dots)
    # The block starts one margin plus one dot radius in from the left edge.
    assert min(x for x, _y, _r in dots) == pytest.approx(profile.margin_mm + profile.dot_radius_mm, abs=TOLERANCE_MM)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_dots_only_layer_is_in_registration_with_the_label(profile: LabelProfile) -> None:
    full, dots_only = render_svg(SAMPLE, profile), render_svg(SAMPLE, profile, dots_only=True)
    assert _svg_size(_parse(full)) == _svg_size(_parse(dots_only))
    assert _svg_dots(full) == _svg_dots(dots_only)
    layer = _parse(dots_only)
    assert not list(layer.iter(f"{{{NS['svg']}}}text"))
    assert not list(layer.iter(f"{{{NS['svg']}}}rect"))


def test_dot_report_matches_the_svg_and_is_json() -> None:
    profile = get_profile()
    positions = dot_positions(SAMPLE, profile)
    assert [(p.x_mm, p.y_mm) for p in positions] == [(x, y) for x, y, _r in _svg_dots(render_svg(SAMPLE, profile))]
    report = json.loads(json.dumps(dot_report(SAMPLE, profile)))
    assert report["dots"][0] == {"line": 0, "cell": 0, "dot": 1, "x_mm": positions[0].x_mm, "y_mm": positions[0].y_mm}
    assert report["dot_height_mm"] == profile.dot_height_mm
    assert {(d["line"], d["cell"], d["dot"]) for d in report["dots"]} >= {(2, 3, 7), (2, 3, 8), (0, 4, 6)}
    assert all(isinstance(p, DotPosition) for p in positions)


def test_svg_is_accessible_and_says_everything_in_text() -> None:
    root = _parse(render_svg(SAMPLE, get_profile()))
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert SAMPLE.zh_name in (title.text or "")
    described = desc.text or ""
    for expected in [SAMPLE.zh_name, "ē jiāo bǔ xuè kē lì", "Ejiao Blood-Nourishing Granules"]:
        assert expected in described
    for line in SAMPLE.braille_lines:
        assert to_unicode(list(line)) in described


def test_svg_keeps_text_as_text_with_pinyin_above_each_character() -> None:
    svg = render_svg(SAMPLE, get_profile())
    root = _parse(svg)
    texts = list(root.iter(f"{{{NS['svg']}}}text"))
    han = [t for t in texts if t.get("class") == "zh" and t.get("text-anchor") == "middle"]
    pinyin = [t for t in texts if t.get("class") == "pinyin"]
    assert [t.text for t in han] == list("阿胶补血颗粒")
    assert [t.text for t in pinyin] == ["ē", "jiāo", "bǔ", "xuè", "kē", "lì"]
    for above, char in zip(pinyin, han, strict=True):
        assert above.get("x") == char.get("x")
        assert float(above.get("y", "")) < float(char.get("y", ""))
        assert above.get("lang") == "zh-Latn-pinyin" and char.get("lang") == "zh-Hans"
    assert any(t.text == "VC" for t in texts)
    assert any(t.get("lang") == "en" and t.text == SAMPLE.en_name for t in texts)
    assert "Noto Sans CJK SC" in svg and "sans-serif" in svg
    for embedded in ("<image", "href", "url(", "@font-face", "base64"):
        assert embedded not in svg
    # The print sits above the braille block.
    assert max(float(t.get("y", "")) for t in texts) < min(y for _x, y, _r in _svg_dots(svg))


def _multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """The PDF matrix product m x n of two [a b c d e f] matrices."""
    a, b, c_, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c_ * a2 + d * c2,
        c_ * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _pdf_dot_centres(page: pypdf.PageObject, reader: pypdf.PdfReader) -> list[tuple[float, float]]:
    """Centres (mm, from the top-left) of the closed curved subpaths in a page's content stream."""
    height_pt = float(page.mediabox.height)
    ctm: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple[float, ...]] = []
    centres: list[tuple[float, float]] = []
    points: list[tuple[float, float]] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif operator == b"m":
            points = [(float(operands[0]), float(operands[1]))]
        elif operator == b"c":
            points += [(float(operands[i]), float(operands[i + 1])) for i in (0, 2, 4)]
        elif operator == b"h" and len(points) > 1:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            ux, uy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            a, b, c_, d, e, f = ctm
            px, py = a * ux + c_ * uy + e, b * ux + d * uy + f
            centres.append((round(px * MM_PER_PT, 4), round((height_pt - py) * MM_PER_PT, 4)))
            points = []
    return centres


def _fonts(page: pypdf.PageObject) -> list[pypdf.generic.DictionaryObject]:
    resources = page["/Resources"]
    fonts = resources.get("/Font", {}) if resources else {}
    return [font.get_object() for font in fonts.values()]


def test_pdf_is_valid_with_embedded_cjk_font_and_extractable_text() -> None:
    profile = get_profile()
    data = render_pdf(SAMPLE, profile)
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = _svg_size(_parse(render_svg(SAMPLE, profile)))
    assert float(page.mediabox.width) * MM_PER_PT == pytest.approx(width, abs=0.01)
    assert float(page.mediabox.height) * MM_PER_PT == pytest.approx(height, abs=0.01)
    fonts = _fonts(page)
    assert any("NotoSansCJK" in str(font["/BaseFont"]) for font in fonts)
    for font in fonts:
        descriptor = (
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if "/DescendantFonts" in font
            else font["/FontDescriptor"]
        )
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object())
    text = page.extract_text()
    assert "阿胶补血颗粒VC" in "".join(text.split())  # the characters come out in reading order
    for expected in ["ē", "jiāo", "xuè", "Ejiao Blood-Nourishing Granules"]:
        assert expected in text
    assert reader.metadata is not None and SAMPLE.zh_name in str(reader.metadata.title)


def test_pdf_dots_lie_on_the_same_grid_in_both_layers() -> None:
    profile = get_profile()
    expected = [(p.x_mm, p.y_mm) for p in dot_positions(SAMPLE, profile)]
    for dots_only in (False, True):
        reader = pypdf.PdfReader(io.BytesIO(render_pdf(SAMPLE, profile, dots_only=dots_only)))
        centres = _pdf_dot_centres(reader.pages[0], reader)
        assert len(centres) == len(expected)
        worst = max(max(abs(x - ex), abs(y - ey)) for (x, y), (ex, ey) in zip(centres, expected, strict=True))
        assert worst <= TOLERANCE_MM
        assert _max_grid_deviation(centres, SAMPLE, profile) <= TOLERANCE_MM
    layer = pypdf.PdfReader(io.BytesIO(render_pdf(SAMPLE, profile, dots_only=True))).pages[0]
    assert not _fonts(layer)
    assert not layer.extract_text().strip()


def test_pinyin_for_reading_puts_each_syllable_at_its_character() -> None:
    reading = Reading(
        text="阿胶 C",
        segments=[
            Segment("阿胶", 0, SegmentKind.HAN, ("e1", "jiao1")),
            Segment(" ", 2, SegmentKind.SPACE),
            Segment("C", 3, SegmentKind.LATIN),
        ],
    )
    assert pinyin_for(reading) == ("ē", "jiāo", "", "")
    LabelContent(reading.text, pinyin_for(reading))  # lengths agree by construction


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"zh_name": "阿胶", "pinyin": ("ē",)}, "pinyin"),
        ({"zh_name": "阿", "pinyin": ("ē" * 40,)}, "pinyin"),
        ({"zh_name": "阿" * (MAX_NAME_CHARS + 1), "pinyin": ("",) * (MAX_NAME_CHARS + 1)}, "name"),
        ({"zh_name": "", "pinyin": (), "en_name": "x" * (MAX_NAME_CHARS + 1)}, "name"),
        ({"zh_name": "", "pinyin": (), "braille_lines": ((256,),)}, "braille"),
        ({"zh_name": "", "pinyin": (), "braille_lines": ((-1,),)}, "braille"),
        ({"zh_name": "", "pinyin": (), "braille_lines": ((1,),) * (MAX_BRAILLE_LINES + 1)}, "braille"),
    ],
)
def test_bad_content_is_refused_with_a_clear_error(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidBrailleRequest) as caught:
        LabelContent(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.message


def test_a_braille_line_longer_than_the_profile_allows_is_refused() -> None:
    profile = custom_profile(cells_per_line=3)
    content = LabelContent("", (), None, ((1, 1, 1, 1),))
    with pytest.raises(InvalidBrailleRequest) as caught:
        render_svg(content, profile)
    assert "3" in caught.value.message and "4" in caught.value.message


def test_long_names_wrap_inside_the_braille_width() -> None:
    profile = custom_profile(cells_per_line=10)
    name = "复方甘草片" * 8
    content = LabelContent(
        name, ("fù", "fāng", "gān", "cǎo", "piàn") * 8, "Compound Liquorice Tablets " * 4, ((1,) * 10,)
    )
    root = _parse(render_svg(content, profile))
    width, _height = _svg_size(root)
    assert width < 100
    han_rows = {t.get("y") for t in root.iter(f"{{{NS['svg']}}}text") if t.get("class") == "zh"}
    assert len(han_rows) > 1


names = st.text(alphabet=st.characters(codec=None), max_size=40)


@settings(max_examples=150, deadline=None)
@given(zh=names, en=st.none() | names, pinyin_seed=st.integers(0, 3))
@example(zh="\x00\x0b\ufffe\U0002a6a5😀‍👩 é\u202e阿<b>&amp;", en="\ud800 \t x ]]>", pinyin_seed=1)
def test_any_unicode_name_renders_a_well_formed_svg(zh: str, en: str | None, pinyin_seed: int) -> None:
    syllables = ("ā", "lǜ", "", "zhuàng")
    content = LabelContent(zh, tuple(syllables[(i + pinyin_seed) % 4] for i in range(len(zh))), en, ((c("1"),),))
    for dots_only in (False, True):
        root = _parse(render_svg(content, get_profile(), dots_only=dots_only))
        assert root.get("role") == "img"
        assert len(_svg_dots(ET.tostring(root, encoding="unicode"))) == 1


@settings(max_examples=25, deadline=None)
@given(zh=names, en=st.none() | names)
@example(zh="\x00\U0002a6a5😀 ⠿ العربية é", en="\ud800 x")
def test_any_unicode_name_renders_a_pdf(zh: str, en: str | None) -> None:
    content = LabelContent(zh, ("",) * len(zh), en, ((c("123456"),),))
    data = render_pdf(content, get_profile())
    assert data.startswith(b"%PDF-") and len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
