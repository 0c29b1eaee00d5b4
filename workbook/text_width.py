"""How wide a line of chart text is drawn, from the advance widths of DejaVu Sans, the
charts' first font (figures.projector_theme), so labels can be placed clear of each other
and a key's columns fit the width they have.

A fixed share of the font size per character underestimates capitals: "WMMW" is 3.7 em
wide, not 2.4. The widths below are the font's own, read from DejaVuSans.ttf with fontTools
(``python scripts/font_widths.py /path/to/DejaVuSans.ttf`` prints the table again). They are kept here rather than read at run time because a workshop
laptop may lack the font, and the browser then draws the next one named, Arial, which is
narrower. Kerning is left out (a pair such as "AV" draws a little closer than the sum).
"""
from __future__ import annotations

UNITS_PER_EM = 2048
# Advance widths in font units, for the code points from each range's first one on:
# printable ASCII, Latin-1 and Latin Extended-A (names such as "Peña", "Łódź"), and the
# dashes, quotes, bullet and ellipsis from U+2010 on.
ADVANCES: dict[int, tuple[int, ...]] = {
    0x20: (
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
        1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ),
    0xA0: (
        651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024,
        1024, 1716, 821, 821, 1024, 1303, 1303, 651, 1024, 821, 965, 1253, 1985, 1985, 1985, 1087,
        1401, 1401, 1401, 1401, 1401, 1401, 1995, 1430, 1294, 1294, 1294, 1294, 604, 604, 604, 604,
        1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716, 1612, 1499, 1499, 1499, 1499, 1251, 1239, 1290,
        1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260, 1260, 1260, 569, 569, 569, 569,
        1253, 1298, 1253, 1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212,
        1401, 1255, 1401, 1255, 1401, 1255, 1430, 1126, 1430, 1126, 1430, 1126, 1430, 1126, 1577, 1300,
        1587, 1300, 1294, 1260, 1294, 1260, 1294, 1260, 1294, 1260, 1294, 1260, 1587, 1300, 1587, 1300,
        1587, 1300, 1587, 1300, 1540, 1298, 1876, 1423, 604, 569, 604, 569, 604, 569, 604, 569,
        604, 569, 1208, 1138, 604, 569, 1343, 1186, 1186, 1141, 569, 1141, 569, 1141, 768, 1141,
        700, 1151, 582, 1532, 1298, 1532, 1298, 1532, 1298, 1666, 1532, 1298, 1612, 1253, 1612, 1253,
        1612, 1253, 2191, 2095, 1423, 842, 1423, 842, 1423, 842, 1300, 1067, 1300, 1067, 1300, 1067,
        1300, 1067, 1251, 803, 1251, 803, 1251, 803, 1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298,
        1499, 1298, 1499, 1298, 2025, 1675, 1251, 1212, 1251, 1403, 1075, 1403, 1075, 1403, 1075, 721,
    ),
    0x2010: (
        739, 739, 1303, 1024, 2048, 2048, 1024, 1024, 651, 651, 651, 651, 1061, 1061, 1061, 1061,
        1024, 1024, 1208, 1208, 685, 1367, 2048,
    ),
}
UNKNOWN_EM = 1.0  # a character the table lacks: as wide as a full em (CJK, emoji)


def _widths() -> dict[str, float]:
    return {chr(start + i): units / UNITS_PER_EM
            for start, row in ADVANCES.items() for i, units in enumerate(row) if units}


EM = _widths()


def text_width(text: str, font_size: float) -> float:
    """*text*'s width in pixels at *font_size* px."""
    return font_size * sum(EM.get(c, UNKNOWN_EM) for c in text)


def cut_to_width(text: str, font_size: float, width: float, ellipsis: str = "…") -> str:
    """*text* as it is if it fits *width* px, else as many of its characters as fit with
    *ellipsis* after them."""
    if text_width(text, font_size) <= width:
        return text
    room = width - text_width(ellipsis, font_size)
    kept, used = [], 0.0
    for c in text:
        used += font_size * EM.get(c, UNKNOWN_EM)
        if used > room:
            break
        kept.append(c)
    return "".join(kept).rstrip() + ellipsis


def wrap_to_width(text: str, font_size: float, width: float, hanging: float = 0) -> list[str]:
    """*text* in lines of at most *width* px, broken between words; lines after the first
    have *hanging* px less (they are drawn indented). A word wider than its line is cut."""
    lines: list[str] = []
    for word in text.split():
        room = width - (hanging if lines else 0)
        longer = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(longer, font_size) <= room:
            lines[-1] = longer
        else:
            lines.append(cut_to_width(word, font_size, width - (hanging if lines else 0)))
    return lines
