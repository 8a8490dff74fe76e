"""The lexicons: the data files readers, annotators, comparison and renderers load.

Every module finds them through :data:`DIR`, so a module can move between folders without its
data going missing.  Extending a lexicon is editing a file here (README "Extending the lexicons").
"""
from pathlib import Path

DIR = Path(__file__).resolve().parent


def two_columns(name: str) -> dict[str, str]:
    """``DIR / name`` read as ``key<TAB>value`` lines (``#`` comments and blank lines skipped; a line
    with no tab maps its key to ``""``), both sides stripped."""
    table: dict[str, str] = {}
    for line in (DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("\t")
            table[key.strip()] = value.strip()
    return table
