"""The XML vocabulary: element names, and the mapping between them and the model.

Everything here is derived from :mod:`annotate.model`, so a new annotation layer (an entry in
``model.LAYERS``) or a new block kind (``model.BLOCK_KINDS``) needs no change in the XML code,
only an addition to ``schemas/report.rng``.

Layout (DESIGN.md part A, XML)::

    <report version="1">
      <meta> title … script, <source …/>, <repairs><repair …>original</repair>…</repairs> </meta>
      <body> blocks (part, section, p, s, …) with <num>, inline annotations, text </body>
      <standoff> annotations that cannot nest, and the non-inline layers </standoff>
    </report>
"""

from __future__ import annotations

import re
import typing

from ..model import BLOCK_KINDS, LAYERS, PARAGRAPH_KINDS

FORMAT_VERSION = "1"

ROOT = "report"
META = "meta"
BODY = "body"
STANDOFF = "standoff"
SOURCE = "source"
REPAIRS = "repairs"
REPAIR = "repair"
EVIDENCE = "evidence"  # one identity reading inside meta/identity_evidence
WARNING = "warning"  # one identity disagreement inside meta/identity_warnings
#: the numbering label of a block (``一、``), located in the text
NUM = "num"
#: one character XML 1.0 cannot hold (NUL, other C0 controls, U+FFFE/U+FFFF, lone
#: surrogates), kept in the body as ``<char code="FFFE"/>`` so the text stays lossless
CHAR = "char"

#: extra attributes the XML layout adds to model fields
ATTR_NIL = "nil"  # space-separated fields that are None although the tree implies a value
ATTR_ORDER = "n"  # position in its layer, written only when the layer is not in document order
ATTR_OWNER = "block"  # on <num>: the block the label belongs to, when not the nearest block

BLOCK_ELEMENTS: frozenset[str] = frozenset(BLOCK_KINDS)
PARAGRAPH_ELEMENTS: frozenset[str] = frozenset(PARAGRAPH_KINDS)


def span_owner(kind: str, block_id: str, owner: str, in_para: bool) -> tuple[str, bool]:
    """The implied ``block`` of spans inside a block element, as ``(owner id, owner is p/item)``.

    Mirrors :meth:`annotate.model.Report.block_id_at`: the innermost ``p``/``item``; outside any
    paragraph-level block, the innermost block that is not a sentence (a heading, the title).
    ``owner``/``in_para`` are the enclosing element's values (``""``/False at the body).
    """
    if kind in PARAGRAPH_ELEMENTS:
        return block_id, True
    if in_para or kind == "s":
        return owner, in_para
    return block_id, False

#: element name -> (layer name, annotation class)
LAYER_BY_ELEMENT: dict[str, tuple[str, type]] = {el: (name, cls) for name, (cls, el, _inline) in LAYERS.items()}
#: element names of layers that are written inline when they nest
INLINE_ELEMENTS: frozenset[str] = frozenset(el for _cls, el, inline in LAYERS.values() if inline)

_clash = (BLOCK_ELEMENTS & set(LAYER_BY_ELEMENT)) | ({NUM, CHAR} & (BLOCK_ELEMENTS | set(LAYER_BY_ELEMENT)))
if _clash:  # a model change that would make the XML ambiguous must fail loudly, at import
    raise RuntimeError(f"XML element names used twice: {sorted(_clash)}")

# --------------------------------------------------------------------------- characters

#: characters XML 1.0 cannot hold (lxml refuses them): C0 controls other than tab, LF and CR,
#: lone surrogates, U+FFFE and U+FFFF.  Private-use characters are valid and pass through.
INVALID_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPABLE = re.compile("[\\\\\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(\\|u[0-9A-Fa-f]{4})")


def _esc(m: re.Match) -> str:
    c = m.group()
    return "\\\\" if c == "\\" else f"\\u{ord(c):04X}"


def escape(value: str) -> str:
    """A string as stored outside the body (attributes, meta text, repair originals).

    Reversible: a backslash is doubled and a character XML cannot hold becomes ``\\uXXXX``
    (all such characters are in the BMP).  Everything else, including private-use
    characters, is kept as it is.
    """
    if "\\" not in value and not INVALID_XML_CHAR.search(value):
        return value
    return _ESCAPABLE.sub(_esc, value)


def _unesc(m: re.Match) -> str:
    s = m.group(1)
    return "\\" if s == "\\" else chr(int(s[1:], 16))


def unescape(value: str) -> str:
    """Inverse of :func:`escape`; a backslash starting no escape is kept as written."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unesc, value)


# --------------------------------------------------------------------------- values

_FLOATY = re.compile(r"[.eEnN]")  # repr(float) always has one of these (1.0, 1e+16, inf, nan)


def format_value(value: object) -> str:
    """A field value as attribute text: ints as ints, floats by ``repr`` (exact round trip)."""
    t = type(value)  # exact types first: this runs for every attribute written
    if t is str:
        return escape(value)  # type: ignore[arg-type]
    if t is int:
        return str(value)
    if t is float:
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return repr(float(value))
    return escape(value if isinstance(value, str) else str(value))


def _scalar_types(hint: object) -> tuple:
    if typing.get_origin(hint) is typing.Union or type(hint).__name__ == "UnionType":
        return tuple(a for a in typing.get_args(hint) if a is not type(None))
    return (hint,)


def _number(text: str) -> int | float:
    return float(text) if _FLOATY.search(text) else int(text)


def _bool(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(f"expected true or false, not {text!r}")
    return text == "true"


_PARSERS: dict[object, typing.Callable[[str], object]] = {}


def parser_for(hint: object) -> typing.Callable[[str], object]:
    """The function turning attribute text back into a value of a field typed ``hint``:
    ``Optional[Number]`` → int when the text has no decimal point or exponent, else float;
    strings are unescaped.  The functions raise ValueError on bad text."""
    try:
        return _PARSERS[hint]
    except (KeyError, TypeError):
        pass
    types = _scalar_types(hint)
    if bool in types:
        fn: typing.Callable[[str], object] = _bool
    elif int in types and float in types:
        fn = _number
    elif int in types:
        fn = int
    elif float in types:
        fn = float
    else:
        fn = unescape
    try:
        _PARSERS[hint] = fn
    except TypeError:  # an unhashable hint: just don't cache
        pass
    return fn


def parse_value(hint: object, text: str) -> object:
    """Inverse of :func:`format_value` for a field typed ``hint``.  Raises ValueError."""
    return parser_for(hint)(text)
