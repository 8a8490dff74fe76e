"""Bytes → str: find the encoding of a report file, deterministically.

Order (first that fits wins):

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. strict UTF-8 without NUL characters (the common case: no guessing, microseconds);
3. otherwise every candidate that decodes strictly (UTF-8 with NULs, UTF-16 LE/BE without a
   BOM, GB18030 — a superset of GBK and GB2312 —, Big5-HKSCS for traditional text) is scored
   on how Chinese the result looks, and the best plausible one is taken;
4. only if none is plausible, charset-normalizer is asked, and its answer is checked the same way.

Why not charset-normalizer first: on short Chinese text it mislabels GB18030 as Big5 or
a Cyrillic code page, and it costs milliseconds even on plain UTF-8.  Why score by "common
characters": a wrong decoding of Chinese bytes still yields CJK code points, but mostly rare
ones, while real text is >90% made of the 3,755 level-1 GB2312 (or the 5,401 common Big5)
characters.

The recorded name re-decodes the bytes: ``data.decode(name) == text`` ("utf-16" and
"utf-32" mean "with a BOM", "utf-8-sig" is UTF-8 with a BOM).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...errors import AnnotateError
from ...lazyre import compiled, lazy

# (BOM, codec that consumes it).  UTF-32 LE must be tested before UTF-16 LE (same prefix).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Candidates tried when strict UTF-8 fails (or holds NULs), in order of preference on ties.
_CANDIDATES: tuple[str, ...] = ("utf-8", "gb18030", "utf-16-le", "utf-16-be", "big5hkscs")

# Control characters no text file holds in bulk (tab, newlines, form feed excepted),
# C1 controls, the replacement character and noncharacters.
_BAD_RE = compiled("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
# The patterns of _score are compiled on its first call: a UTF-8 file (nearly every report) never
# needs them, and their large Unicode ranges cost milliseconds to compile.
# What wrong decodings produce in bulk but Chinese reports hardly ever contain:
# private use, Hangul syllables and jamo, CJK compatibility/rare blocks, stray surrogates.
_ODD_RE = lazy("[\ue000-\uf8ff\uac00-\ud7ff\u1100-\u11ff\u3130-\u318f\ud800-\udfff\u0100-\u024f]")
_CJK_RE = lazy("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII_RE = lazy("[\t\n\r\x20-\x7e]+")
# Non-ASCII characters a Chinese report is not made of: Latin letters with accents, Cyrillic,
# Greek, Arabic ... (a few signs such as · × ° ± § are common in reports and excepted).
# A wrong single-byte decoding (KOI8-R, Latin-1) of Chinese bytes is nothing but these.
_FOREIGN_RE = lazy("[\u00a1-\u00a6\u00a8-\u00af\u00b2-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u1fff]")
_NON_ASCII_RE = lazy("[^\x00-\x7f]")
MAX_FOREIGN_RATIO = 0.3

_SAMPLE = 30_000  # characters scored; enough to judge, bounded cost on a 10 MB file
MAX_BAD_RATIO = 0.02  # more than 2% control characters: not text
MIN_COMMON_RATIO = 0.6  # real Chinese text: >0.9; a wrong decoding: ~0.2-0.4


@lru_cache(maxsize=1)
def _common_run_re() -> re.Pattern[str]:
    return compiled("[" + "".join(sorted(_common_chars())) + "]+")


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Level-1 GB2312 (simplified) and level-1 Big5 (traditional) characters: ~9,000 in all."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _score(text: str) -> float | None:
    """How much ``text`` looks like a Chinese (or plain) text file; None if implausible."""
    sample = text[:_SAMPLE]
    n = len(sample)
    if n == 0:
        return 0.0
    bad = len(_BAD_RE.findall(sample))
    if bad > MAX_BAD_RATIO * n:
        return None
    non_ascii = len(_NON_ASCII_RE().findall(sample))
    if non_ascii and len(_FOREIGN_RE().findall(sample)) > MAX_FOREIGN_RATIO * non_ascii:
        return None
    odd = len(_ODD_RE().findall(sample))
    cjk = sum(map(len, _CJK_RE().findall(sample)))
    common = sum(map(len, _common_run_re().findall(sample)))
    if cjk and common < MIN_COMMON_RATIO * cjk:
        return None
    ascii_chars = sum(len(r) for r in _ASCII_RE().findall(sample))
    return (common + 0.3 * ascii_chars - odd - 5 * bad) / n


def plausible(text: str) -> bool:
    """Does ``text`` look like a correct decoding (few control characters, common characters)?"""
    return _score(text) is not None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _ask_charset_normalizer(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return None
    text = _strict(data, best.encoding)
    if text is None:
        return None
    sample = text[:_SAMPLE]
    if len(_BAD_RE.findall(sample)) > MAX_BAD_RATIO * max(1, len(sample)):
        return None
    return text, best.encoding.replace("_", "-")


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` (the file ``name``) and return ``(text, encoding)``.

    Raises :class:`AnnotateError` when the bytes are no text in any supported encoding.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                label = codec.upper().replace("-SIG", "")
                raise AnnotateError(name, f"starts with a {label} byte-order mark but is not valid {label}",
                                    "re-save it as UTF-8 text")
            return text, codec

    text = _strict(data, "utf-8")
    if text is not None and "\x00" not in text:
        if len(_BAD_RE.findall(text[:_SAMPLE])) > MAX_BAD_RATIO * max(1, min(len(text), _SAMPLE)):
            raise _binary(name)
        return text, "utf-8"

    best: tuple[float, int, str, str] | None = None
    for rank, codec in enumerate(_CANDIDATES):
        if codec.startswith(("utf-16", "utf-32")) and len(data) % 2:
            continue
        decoded = text if codec == "utf-8" else _strict(data, codec)
        if decoded is None:
            continue
        score = _score(decoded)
        if score is None:
            continue
        if best is None or (score, -rank) > (best[0], -best[1]):
            best = (score, rank, decoded, codec)
    if best is not None:
        return best[2], best[3]

    spoiled = _almost_utf8(data, name)
    if spoiled is not None:
        raise spoiled  # before charset-normalizer, which would read it as mojibake in a code page
    asked = _ask_charset_normalizer(data)
    if asked is not None:
        return asked
    raise _binary(name)


def _almost_utf8(data: bytes, name: str) -> AnnotateError | None:
    """UTF-8 spoiled by a few bad bytes (a truncated or damaged file) deserves its own message."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    else:
        return None
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if bad > max(3, len(data) // 1000):
        return None
    where = "at its very end (the file looks cut short)" if len(data) - first <= 3 else f"at byte {first}"
    return AnnotateError(name, f"is UTF-8 text with {bad} invalid byte sequence{'s' if bad > 1 else ''}, first {where}",
                         "repair the file or save it again as UTF-8")


def _binary(name: str) -> AnnotateError:
    return AnnotateError(name, "is a binary file, not text in a known encoding "
                               "(tried UTF-8, UTF-16, GB18030/GBK, Big5)",
                         "give the report as .txt, .md, .html or .docx")
