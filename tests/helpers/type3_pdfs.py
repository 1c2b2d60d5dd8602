"""A PDF set in a Type3 font made the way 1990s dvips made bitmap fonts: glyphs named by the character they draw
("/1" for the digit one, which PyMuPDF reads as U+0001), and a font matrix folded into the text matrix so that the
reported font size is a fraction of a point. Written by hand: pymupdf cannot make Type3 fonts."""

from __future__ import annotations

# Every glyph is a filled box: only the encoding and the metrics matter to the text layer.
_GLYPH = b"600 0 0 0 500 700 d1 0 0 500 700 re f"
# Its advance and height, as shares of the printed size.
ADVANCE = 0.6
GLYPH_HEIGHT = 0.7
# The text matrix scales a font size of 0.12 back to a printed size of about 12 points, as dvips did.
REPORTED_SIZE = 0.12
SCALE = 100


def _names(text: str) -> list[str]:
    return sorted({c for c in text if c != " "})


def type3_pdf(rows: list[tuple[str, float, float, float]]) -> bytes:
    """A one-page letter-size PDF; each row is ``(text, x, y_from_top, printed_size)``. Letters and digits only."""
    chars = _names("".join(r[0] for r in rows))
    codes = {c: ord(c) for c in chars}
    first, last = min(codes.values()), max(codes.values())
    widths = " ".join("600" if chr(code) in codes else "0" for code in range(first, last + 1))
    differences = " ".join(f"{codes[c]} /{c}" for c in chars)
    procs = " ".join(f"/{c} 8 0 R" for c in chars)
    content = []
    for text, x, y, size in rows:
        scale = size / REPORTED_SIZE / 1000
        content.append(f"BT /T1 {REPORTED_SIZE} Tf {scale:.4f} 0 0 {scale:.4f} {x} {792 - y} Tm ({text}) Tj ET")
    stream = "\n".join(content).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /T1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        f"<< /Type /Font /Subtype /Type3 /Name /T1 /FontBBox [0 0 500 700] /FontMatrix [1 0 0 1 0 0] "
        f"/FirstChar {first} /LastChar {last} /Widths [{widths}] /Encoding 6 0 R /CharProcs 7 0 R "
        f"/Resources << >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Type /Encoding /Differences [{differences}] >>".encode(),
        f"<< {procs} >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(_GLYPH) + _GLYPH + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
