"""How annotate writes files: whole or not at all, and stamped with the version that wrote them.

- :func:`write_atomic` writes through a temp file in the target's folder and a rename, so a reader
  (or a crash) never sees half a file: the one way batch outputs, cache entries and site pages
  are written.
- :func:`version` is the package version plus a fingerprint of its code and data, which batch
  manifests, the corpus cache and the site's page manifest record to tell stale outputs.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def version() -> str:
    """The package version plus a fingerprint of its code and data (modules, lexicons, schemas).

    The version number alone does not change when a lexicon is extended (README: "Extending the
    lexicons") or the code is edited in place, and outputs written before would then be skipped
    as up to date although ``annotate tag`` now writes something else.
    """
    try:
        from importlib.metadata import version as v

        number = v("annotate")
    except Exception:  # running from a source tree that is not installed
        number = "unknown"
    return f"{number}+{code_fingerprint(Path(__file__).resolve().parent)}"


def code_fingerprint(root: Path) -> str:
    """A short hash of the code and data files under ``root`` (names and contents)."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt", ".rng", ".json"):
            h.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
