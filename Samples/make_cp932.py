#!/usr/bin/env python3
"""Regenerate applicants-cp932.csv from applicants.csv.

The CP932 file is what Japanese Excel writes: Shift_JIS (Windows code page 932) with
CRLF record ends. Line breaks *inside* a quoted cell stay LF, as Excel writes them, so
both files hold exactly the same records. Run from anywhere:

    python3 Samples/make_cp932.py
"""
from pathlib import Path

here = Path(__file__).resolve().parent
src = here / "applicants.csv"
dst = here / "applicants-cp932.csv"

text = src.read_bytes().decode("utf-8")
assert not text.startswith("\ufeff"), "applicants.csv must not have a BOM"
assert "\r" not in text, "applicants.csv must use LF line ends"

# Turn record-ending LFs (outside quotes) into CRLF; keep LFs inside quoted cells.
out = []
in_quotes = False
for ch in text:
    if ch == '"':
        in_quotes = not in_quotes  # an escaped "" toggles twice
    if ch == "\n" and not in_quotes:
        out.append("\r\n")
    else:
        out.append(ch)
assert not in_quotes, "unbalanced quotes in applicants.csv"

# Windows (and so Excel) encodes the IBM extension kanji such as 髙 with their IBM codes
# (0xFA40-0xFC4B); Python's cp932 codec picks the NEC-selected duplicates (0xED40-0xEEFC).
# Prefer the IBM codes, as Excel does. Both decode to the same characters in CP932.
ibm = {}
for lead in (0xFA, 0xFB, 0xFC):
    for trail in range(0x40, 0xFD):
        try:
            ibm.setdefault(bytes([lead, trail]).decode("cp932"), bytes([lead, trail]))
        except UnicodeDecodeError:
            pass

def encode(ch: str) -> bytes:
    b = ch.encode("cp932")
    if len(b) == 2 and b[0] in (0xED, 0xEE) and ch in ibm:
        return ibm[ch]
    return b

dst.write_bytes(b"".join(encode(ch) for ch in "".join(out)))

# Round-trip check: decoding the CP932 file gives the same records.
back = dst.read_bytes().decode("cp932")
assert back.replace("\r\n", "\n") == text, "CP932 round trip differs"
print(f"wrote {dst.name}: {dst.stat().st_size} bytes")
