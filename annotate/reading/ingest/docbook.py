"""DocBook-like XML (``<!DOCTYPE article …>``, ``<article>``, ``<sect1>``, ``<para>``) → one line per block.

Some reports are published so (the Hong Kong 2025 policy address).  Contract:
:func:`read_docbook` returns the text with one line per title and paragraph, in document order;
a list item is a line of its own, a table row one line of tab-joined cells.  Section titles
stand on their own line, so the numbering in them (``一、``, ``第一章``) drives the structure as
in any other input.

Safety: the parser never fetches or expands anything: no DTD is loaded, no network is used,
entities are not resolved (a billion-laughs internal subset stays a list of unexpanded
references).  A reference to a named character entity (``&nbsp;`` ``&mdash;``, declared in the
DocBook DTD that is not read) is written as its character from Python's HTML table; any other
entity reference is kept as written.

:func:`root_element` tells DocBook from the annotated XML that ``annotate tag`` writes (root
``report``): the format is decided by the root element, never by the file name.
"""

from __future__ import annotations

import re

from ...errors import AnnotateError
from ...lazyre import compiled

DOCBOOK_ROOTS = frozenset({"article", "book", "chapter", "part", "section", "sect1", "preface", "appendix"})
_BLOCKS = frozenset({"title", "subtitle", "para", "simpara", "formalpara", "bridgehead", "term", "caption",
                     "attribution", "address", "literallayout", "programlisting", "screen"})
_SKIP = frozenset({"indexterm", "remark", "footnoteref", "anchor", "info-skip"})
_PROLOG_RE = compiled(
    rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>)*<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)",
    re.S,
)


def root_element(data: bytes) -> str | None:
    """The local name of the document's root element, read from the prolog (first 64 KB)."""
    m = _PROLOG_RE.match(data[:65536])
    return m.group(2).decode("ascii", "replace") if m else None


def looks_like_docbook(data: bytes) -> bool:
    """Is ``data`` DocBook-like XML (root ``article``, ``book``, ``chapter``, ``sect1`` …)?"""
    return root_element(data) in DOCBOOK_ROOTS


def read_docbook(data: bytes, name: str) -> str:
    """The text of a DocBook-like document: one line per title, paragraph, list item and table row."""
    from lxml import etree  # here, not at import: sniffing a plain-text report never needs lxml

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise AnnotateError(name, f"is DocBook XML that is not well-formed ({exc.msg})",
                            "fix the XML or give the report as .txt") from None
    lines: list[str] = []
    _walk(root, lines)
    return "\n".join(line for line in (_squash(x) for x in lines) if line)


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _walk(el, lines: list[str]) -> None:
    """Blocks of ``el`` in document order; text between blocks is a line of its own."""
    for child in el:
        tag = _local(child)
        if not tag or tag in _SKIP:
            continue
        if tag == "row":
            lines.append("\t".join(_inline(cell).replace("\t", " ") for cell in child if _local(cell) == "entry"))
        elif tag in _BLOCKS:
            lines.append(_inline(child))
        elif tag == "listitem" and not any(_local(c) in _BLOCKS for c in child):
            lines.append(_inline(child))
        else:
            if child.text and child.text.strip():
                lines.append(child.text)
            _walk(child, lines)
        if child.tail and child.tail.strip():
            lines.append(child.tail)


def _inline(el) -> str:
    """The text of an inline run (emphasis, quotes, links …); entity references as characters."""
    from lxml import etree

    parts: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child, etree._Entity):
            parts.append(_entity(child.name))
        elif _local(child) not in _SKIP and _local(child) != "footnote":
            if _local(child) in ("quote",):
                parts.append("“" + _inline(child) + "”")
            else:
                parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _entity(name: str) -> str:
    import html.entities

    code = html.entities.name2codepoint.get(name)
    return chr(code) if code is not None else f"&{name};"


def _squash(line: str) -> str:
    """XML white space (newlines and indentation inside an element) folded; tabs between cells kept."""
    return "\t".join(re.sub(r"[ \n\r]+", " ", cell).strip(" ") for cell in line.split("\t")).strip()
