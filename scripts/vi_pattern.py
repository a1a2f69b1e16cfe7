#!/usr/bin/env python3
"""Writes Vietnamese words as intents.tsv patterns that also match them typed without marks.

Every vowel written with a mark becomes a class of the bare vowel, the vowel with only its
shape mark (a circumflex, breve or horn: â ă ê ô ơ ư) and the vowel as written; đ becomes [dđ].
Bare vowels and text inside [...] stay as they are, so write [ơ] to insist on a mark.

Usage: scripts/vi_pattern.py 'không có tiền|thất nghiệp'
  -> kh[oô]ng c[oó] ti[eêề]n|th[aâấ]t nghi[eêệ]p
"""
import sys
import unicodedata

SHAPE_MARKS = {"\u0302", "\u0306", "\u031b"}


def vowel_class(ch):
    if ch == "đ":
        return "[dđ]"
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 1 or parts[0] not in "aeiouy":
        return ch
    base = parts[0]
    shaped = unicodedata.normalize(
        "NFC", base + "".join(m for m in parts[1:] if m in SHAPE_MARKS))
    options = [base] + ([shaped] if shaped not in (base, ch) else []) + [ch]
    return "[" + "".join(options) + "]"


def expand(pattern):
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(ch if in_class or ch in "\\[]" else vowel_class(ch))
    return "".join(out)


if __name__ == "__main__":
    for arg in sys.argv[1:] or [line.rstrip("\n") for line in sys.stdin]:
        print(expand(arg))
