"""The copy of a checklist package the parser reads: sheets stored, their empty tail cut.

The template writes each table sheet with a few hundred ready-styled rows of empty cells
(`<c r="D40" s="7" t="n"></c>`), so about nine cells in ten of a filled checklist are
empty, and calamine spends most of its parse on them, after inflating every sheet again.
A cell with no child element holds no value: calamine leaves it out of the sheet's range,
so the grid, its size and the merged ranges are the same without the rows after the last
value. The limit scan has the sheets inflated already; here the rows after a sheet's last
value are cut when they hold nothing but such cells, and the sheets go to the parser
stored (not compressed) in a copy of the package, every other part copied as it was.

The file itself is never rewritten: the copy lives in memory for the parse only. Whatever
is not plain (a damaged or encrypted member, a local header that does not match the
directory, names met twice, a tail holding anything but empty cells) keeps the original
bytes for the parser, as before.
"""
from __future__ import annotations

import struct
import zipfile
import zlib

try:  # the same SIMD searches as the limit scan (stringzilla is pinned in requirements.txt)
    from stringzilla import find as _find, rfind as _rfind
except ImportError:  # pragma: no cover
    _find = _rfind = None

LOCAL_HEADER = b"PK\x03\x04"
# What can end a cell's value (a number, a shared or inline string, a formula): the cut
# starts at the first row after the last of them.
VALUE_ENDS = (b"</v>", b"</is>", b"</f>")
# calamine takes a cell's value only from a <v>, <is> or <f> child (prefixed or not); a
# tail with none of them, and with no comment, CDATA or processing instruction that could
# hide one from these searches, holds only empty cells. Searches for what is absent run at
# memory speed; counting tags would cost five times as much.
VALUE_MARKS = (b"<v", b"<is", b"<f", b":v", b":is", b":f", b"<!", b"<?")


def raw_member(whole: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The member's bytes as stored in the package (compressed or not), None when its
    local header does not match the directory or it is encrypted."""
    if info.flag_bits & 0x1:
        return None
    start = info.header_offset
    header = whole[start:start + 30]
    if len(header) < 30 or header[:4] != LOCAL_HEADER:
        return None
    name_length = int.from_bytes(header[26:28], "little")
    extra_length = int.from_bytes(header[28:30], "little")
    if whole[start + 30:start + 30 + name_length] != _encoded_name(info):
        return None
    begin = start + 30 + name_length + extra_length
    return whole[begin:begin + info.compress_size]  # shorter when the package is cut short


def _encoded_name(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace")


def without_empty_tail(xml: bytes) -> bytes:
    """The sheet's XML less the rows after its last value, when they hold only cells with
    no value child; otherwise the XML as it is.

    Only for a sheet the scan found plain: no prefixed tags, every cell tag starting with
    a well-formed reference.
    """
    if _find is None:
        return xml
    end = _find(xml, b"</sheetData>")
    if end < 0 or _find(xml, b"</sheetData>", end + 1) >= 0:
        return xml
    last = max(_rfind(xml, mark, 0, end) for mark in VALUE_ENDS)
    cut = _find(xml, b"<row ", max(last, 0), end)
    if cut < 0 or any(_find(xml, mark, cut, end) >= 0 for mark in VALUE_MARKS):
        return xml
    return xml[:cut] + xml[end:]


def repacked(whole: bytes, members: list[zipfile.ZipInfo],
             stored: dict[str, bytes]) -> bytes | None:
    """A zip holding the same members in the same order, those in *stored* with the given
    bytes uncompressed, every other one copied as it is; None when a member is not plain."""
    if len({info.filename for info in members}) != len(members):
        return None
    parts, directory, offset = [], [], 0
    for info in members:
        name = _encoded_name(info)
        flags = info.flag_bits & 0x800  # UTF-8 names stay UTF-8; no data descriptor follows
        data = stored.get(info.filename)
        if data is not None:
            method, crc, size, unpacked = zipfile.ZIP_STORED, zlib.crc32(data), len(data), len(data)
        else:
            data = raw_member(whole, info)
            if (data is None or len(data) != info.compress_size
                    or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
                return None
            method, crc = info.compress_type, info.CRC
            size, unpacked = info.compress_size, info.file_size
        parts += [struct.pack("<4s5H3L2H", LOCAL_HEADER, 20, flags, method, 0, 0x21,
                              crc, size, unpacked, len(name), 0), name, data]
        directory += [struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, method, 0, 0x21,
                                  crc, size, unpacked, len(name), 0, 0, 0, 0, 0, offset), name]
        offset += 30 + len(name) + len(data)
    central = sum(map(len, directory))
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      central, offset, 0)
    return b"".join(parts + directory + [end])
