"""Print workbook/text_width.py's ADVANCES table read from a font file, with fontTools.

Usage: python scripts/font_widths.py /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

A developer's tool (fontTools is a test-only package): the workbook keeps the table itself,
since a workshop laptop may lack the font.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook.text_width import ADVANCES, UNITS_PER_EM  # noqa: E402


def table_from_font(path: Path) -> dict[int, tuple[int, ...]]:
    """The ADVANCES table for the font at *path*, over the same ranges (0: not in the font)."""
    font = TTFont(path)
    units = font["head"].unitsPerEm
    if units != UNITS_PER_EM:
        raise ValueError(f"{path}: {units} units per em, the table assumes {UNITS_PER_EM}")
    glyphs, metrics = font.getBestCmap(), font["hmtx"].metrics
    return {start: tuple(metrics[glyphs[start + i]][0] if start + i in glyphs else 0
                         for i in range(len(row)))
            for start, row in ADVANCES.items()}


if __name__ == "__main__":
    for start, row in table_from_font(Path(sys.argv[1])).items():
        print(f"    0x{start:X}: {row},")
