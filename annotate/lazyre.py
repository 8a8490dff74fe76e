"""Regular expressions compiled once: on first use, and (their compiled code) once per machine.

Why: CPython's regex compiler is Python code.  A character class with a large Unicode range
(``[\\u4e00-\\u9fff]``) costs about a millisecond (a Python loop fills a 65,536-entry table), a long
alternation of lexicon words several; the ~450 patterns a ``diff`` uses cost ~180 ms of CPU in every
process, a quarter of the command.  Python cannot pickle a compiled pattern, but ``re.compile``
ends by handing a list of integers (the compiled code) to ``_sre.compile``, which builds the
pattern in C in microseconds.  :func:`compiled` keeps that code in a cache file, so a later
process rebuilds its patterns from it (~3 ms for all of them) instead of compiling them again.

Contract:
- ``compiled(pattern, flags)`` returns a pattern equal to ``re.compile(pattern, flags)``
  (``==`` compares pattern, flags and compiled code); errors are ``re.compile``'s.
- ``lazy(pattern, flags)`` returns a getter; ``getter()`` is ``compiled(pattern, flags)``, built
  at the first call and the same object at every later one (thread-safe: ``lru_cache``).  Use it
  for a pattern that only some inputs need (a legacy encoding, web page chrome).

The cache (``$ANNOTATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/annotate``, else ``~/.cache/annotate``;
``ANNOTATE_CACHE_DIR=`` empty turns it off) is one file per Python build (``sys.version``,
``_sre.MAGIC``), keyed by pattern and flags, so an edited pattern is simply a new key.  It is an
optimisation only: a missing, unreadable, corrupt or unwritable file, or a Python whose ``re``
internals differ, falls back to ``re.compile``.  ``_sre.compile`` validates the code it is given,
and the first pattern a process compiles is checked equal to ``re.compile``'s before anything is
stored.  New entries are written once, at exit, by an atomic rename.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Callable

try:  # CPython's regex internals (3.11+: re._parser / re._compiler; 3.10: sre_parse / sre_compile)
    import _sre
    from re import _compiler as _re_compiler, _parser as _re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons: compile as usual
    try:
        import _sre
        import sre_compile as _re_compiler  # type: ignore[no-redef]
        import sre_parse as _re_parser  # type: ignore[no-redef]
    except ImportError:
        _sre = None  # type: ignore[assignment]

_ENV = "ANNOTATE_CACHE_DIR"
#: beyond this many entries a cache file keeps only what the writing process used (old patterns go)
_MAX_ENTRIES = 5000
#: the array type code whose items are the size of one code word
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == getattr(_sre, "CODESIZE", 0)), None)

# Process-wide state (not data flowing through the pipeline): the entries read from the cache file,
# the entries this process compiled and used, and whether the cache is known to work here.
SUPPORTED = _sre is not None and _CODE_TYPE is not None  # this Python's regex internals are the ones cached
_state: dict = {"stored": None, "new": {}, "used": set(), "checked": False, "off": not SUPPORTED}


def cache_file() -> Path | None:
    """The cache file of this Python build, or None when caching is off (``ANNOTATE_CACHE_DIR=``)
    or there is no home to keep it in."""
    where = os.environ.get(_ENV)
    if where is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        if not os.path.isabs(base):  # no home: never write a relative "~/.cache" into the cwd
            return None
        where = os.path.join(base, "annotate")
    if not where:
        return None
    build = zlib.crc32(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())
    return Path(where) / f"regex-{sys.implementation.cache_tag}-{build:08x}.marshal"


_MAGIC = b"ANRX"


def read_cache(path: Path) -> dict | None:
    """The entries of a cache file, or None when it is absent, unreadable or damaged (its CRC-32
    does not match: ``_sre.compile`` checks that code is well formed, not that it is the code of
    the pattern, so a file changed by anything but :func:`save` is not used)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[8:]
    if data[:4] != _MAGIC or int.from_bytes(data[4:8], "little") != zlib.crc32(payload):
        return None
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return entries if isinstance(entries, dict) else None


def _stored() -> dict:
    """The entries of the cache file (read once per process; ``{}`` when absent or unreadable)."""
    if _state["stored"] is None:
        path = cache_file()
        _state["stored"] = (read_cache(path) if path is not None else None) or {}
    return _state["stored"]


def _entry(pattern, flags: int) -> tuple:
    """What ``re.compile`` hands ``_sre.compile`` for ``pattern`` (the code packed as bytes)."""
    tree = _re_parser.parse(pattern, flags)
    code = _re_compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | tree.state.flags), array(_CODE_TYPE, code).tobytes(), tree.state.groups - 1,
            groupindex, tuple(indexgroup))


def _build(pattern, entry: tuple) -> "re.Pattern":
    """The pattern rebuilt from a stored entry (``_sre.compile`` validates the code)."""
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup)


def compiled(pattern, flags: int = 0) -> "re.Pattern":
    """``re.compile(pattern, flags)``, rebuilt from the cache when it holds the pattern (module docstring)."""
    flags = int(flags)
    if _state["off"] or isinstance(pattern, re.Pattern) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    # the patterns this process already built: a second call with the same pattern builds nothing
    live = _state.setdefault("live", {})
    if key in live:
        return live[key]
    entry = _stored().get(key)
    if entry is not None:
        try:
            built = _build(pattern, entry)
        except Exception:  # noqa: BLE001 - a foreign or damaged entry: compile afresh below
            pass
        else:
            _state["used"].add(key)
            live[key] = built
            return built
    live[key] = built = _compile_and_keep(pattern, flags, key)
    return built


def _compile_and_keep(pattern, flags: int, key: tuple) -> "re.Pattern":
    """Compile ``pattern`` as ``re.compile`` does and keep its entry for the cache file; the first
    time in a process the result is checked against ``re.compile`` (else caching is turned off)."""
    try:
        entry = _entry(pattern, flags)
        built = _build(pattern, entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - re internals not as expected: stop caching
        _state["off"] = True
        return re.compile(pattern, flags)
    if not _state["checked"]:
        reference = re.compile(pattern, flags)
        if built != reference or built.groupindex != reference.groupindex:
            _state["off"] = True
            return reference
        _state["checked"] = True
    if not _state["new"]:
        atexit.register(save)
    _state["new"][key] = entry
    _state["used"].add(key)
    return built


def save() -> None:
    """Write this process's new entries into the cache file (merged with what it holds; atomic;
    silent on failure: the cache is only an optimisation).  Runs at exit."""
    new, path = _state["new"], cache_file()
    if not new or path is None:
        return
    import tempfile

    current = read_cache(path)
    merged = current if isinstance(current, dict) and len(current) + len(new) <= _MAX_ENTRIES else \
        {k: v for k, v in _stored().items() if k in _state["used"]}
    merged.update(new)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=".regex-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            payload = marshal.dumps(merged)
            fh.write(_MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, path)
        tmp = None
        _state["new"] = {}
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def lazy(pattern: str, flags: int = 0) -> Callable[[], "re.Pattern[str]"]:
    """A getter of ``compiled(pattern, flags)`` that builds on its first call (module docstring)."""

    @lru_cache(maxsize=1)
    def get() -> "re.Pattern[str]":
        return compiled(pattern, flags)

    return get
