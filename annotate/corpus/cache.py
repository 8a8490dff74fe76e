"""A cache of annotated reports keyed by what they depend on, so rebuilds redo only what changed.

Contract: :class:`ReportCache(root)` stores one annotated :class:`Report` per key under
``root/reports/`` (pickled: reading one back takes milliseconds, against a second to annotate it).
:func:`input_key` is the key: the SHA-256 of the input's bytes, its path (which the report's
``meta.source`` records), the identity hints that apply (``--issuer``/``--year``, a sidecar) and
the annotate version (code and lexicon fingerprint, see outputs.version), so editing a report, its
sidecar or a lexicon gives a new key.  A cache entry that cannot be read is a miss, and one that
cannot be written (a folder that cannot be made, a full disk) is not kept: never an error, the
cache only saves time.  ``ReportCache(None)`` caches nothing.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Optional

from ..model import Report


def input_key(path: str, data: bytes, hints: tuple = ()) -> str:
    """The cache key of one input (module docstring)."""
    from ..outputs import version

    h = hashlib.sha256()
    for part in (version(), path, repr(hints)):
        # a file name that is not UTF-8 arrives with its bytes as surrogates (\udcff): hash those bytes
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:32]


class ReportCache:
    """Annotated reports on disk by key (module docstring)."""

    def __init__(self, root: Optional[Path]) -> None:
        self.root = Path(root) / "reports" if root is not None else None

    def _path(self, key: str) -> Optional[Path]:
        return self.root / f"{key}.pickle" if self.root is not None else None

    def get(self, key: str) -> Optional[Report]:
        """The cached report for ``key``, or None (missing or unreadable)."""
        p = self._path(key)
        if p is None or not p.is_file():
            return None
        try:
            with open(p, "rb") as fh:
                obj = pickle.load(fh)
        except Exception:  # a truncated or stale entry is a miss: the report is annotated again
            return None
        return obj if isinstance(obj, Report) else None

    def put(self, key: str, report: Report) -> None:
        """Store ``report`` under ``key`` (atomically: a crash never leaves half an entry)."""
        p = self._path(key)
        if p is None:
            return
        _store(p, report)

    def derived(self, key: str, name: str, compute):
        """``compute()`` cached under ``key`` as ``name`` (a value derived from one report, such as
        its search keys): computed once per report version, loaded afterwards."""
        p = self.root.parent / name / f"{key}.pickle" if self.root is not None else None
        if p is not None and p.is_file():
            try:
                with open(p, "rb") as fh:
                    return pickle.load(fh)
            except Exception:  # unreadable: compute again
                pass
        value = compute()
        if p is not None:
            _store(p, value)
        return value

    def prune(self, keep: set[str]) -> None:
        """Remove entries whose key is not in ``keep`` (inputs that changed or went away)."""
        if self.root is None or not self.root.is_dir():
            return
        for p in self.root.glob("*.pickle"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)


def _store(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically; a place that cannot be written keeps nothing (the
    command that asked goes on, and says so itself when its output cannot be written either)."""
    from ..outputs import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
