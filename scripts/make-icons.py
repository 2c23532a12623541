#!/usr/bin/env python3
"""Draws the app icon: three rising bars on the plan's green, full bleed so
it also works as a maskable icon (the bars stay inside the central safe
zone). Writes icons/icon.svg, icons/icon-192.png and icons/icon-512.png with
the standard library only (zlib), so it runs offline.

    python3 scripts/make-icons.py
"""
import pathlib
import struct
import zlib

GREEN = (0x0B, 0x6E, 0x4F)
WHITE = (0xFF, 0xFF, 0xFF)
GOLD = (0xF2, 0xC1, 0x4E)
# Bars in a 100 × 100 box: (x, y_top, width, height, colour).
BARS = [
    (24, 56, 14, 22, WHITE),
    (43, 42, 14, 36, WHITE),
    (62, 26, 14, 52, GOLD),
]
BASELINE = (20, 80, 60, 3)  # x, y, width, height

ROOT = pathlib.Path(__file__).resolve().parent.parent / "icons"


def hex_colour(rgb):
    return "#%02x%02x%02x" % rgb


def svg():
    rects = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" fill="{hex_colour(c)}"/>'
        for x, y, w, h, c in BARS
    )
    bx, by, bw, bh = BASELINE
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img" aria-label="Coop Plan">'
        f'<rect width="100" height="100" fill="{hex_colour(GREEN)}"/>'
        f"{rects}"
        f'<rect x="{bx}" y="{by}" width="{bw}" height="{bh}" fill="{hex_colour(WHITE)}"/>'
        "</svg>\n"
    )


def pixel(u, v):
    """Colour at (u, v) in the 100 × 100 box."""
    for x, y, w, h, c in BARS:
        if x <= u < x + w and y <= v < y + h:
            return c
    bx, by, bw, bh = BASELINE
    if bx <= u < bx + bw and by <= v < by + bh:
        return WHITE
    return GREEN


def png(size):
    rows = bytearray()
    for j in range(size):
        rows.append(0)  # filter: none
        for i in range(size):
            # 2 × 2 supersampling keeps the edges from looking jagged.
            samples = [
                pixel((i + dx) * 100.0 / size, (j + dy) * 100.0 / size)
                for dx in (0.25, 0.75)
                for dy in (0.25, 0.75)
            ]
            rows.extend(round(sum(s[k] for s in samples) / 4) for k in range(3))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def main():
    ROOT.mkdir(exist_ok=True)
    (ROOT / "icon.svg").write_text(svg(), encoding="utf-8")
    for size in (192, 512):
        (ROOT / f"icon-{size}.png").write_bytes(png(size))
    print("wrote", ", ".join(sorted(p.name for p in ROOT.iterdir())))


if __name__ == "__main__":
    main()
