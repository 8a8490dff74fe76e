"""Every ```python block of the README runs as written, from the checkout, and prints what its
comments promise (``print(...)  # expected words``): the README is the public API's manual."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def _promises(block: str) -> list[str]:
    """The words a ``print(...)  # words`` line promises, up to an ellipsis or a parenthesis; a
    comment alone on the line after a print (a long row, indented under it) promises as well."""
    out = []
    lines = block.splitlines()
    for k, line in enumerate(lines):
        m = re.match(r"\s*print\(.*\)\s+#\s*(.+)$", line)
        if not m and k and re.match(r"\s*print\(.*\)\s*$", lines[k - 1]):
            m = re.match(r"\s*#\s*(.+)$", line)
        if m:
            words = re.split(r"\s*(?:…|\(|:)", m.group(1))[0].strip()
            if words:
                out.append(words)
    return out


def test_the_readme_has_python_examples():
    assert len(BLOCKS) >= 4 and any("import annotate" in b for b in BLOCKS)


@pytest.mark.parametrize("n", range(len(BLOCKS)))
def test_readme_python_block_runs_and_prints_what_it_says(n, tmp_path):
    block = BLOCKS[n]
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the block's own files (redline.html …) land here, not in the checkout
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block, f"README.md python block {n + 1}", "exec"), {"__name__": "__readme__"})
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    for words in _promises(block):
        assert words in printed, f"block {n + 1} promises {words!r}; it printed:\n{printed[:2000]}"
    if "redline.html" in block:
        html = (tmp_path / "redline.html").read_text(encoding="utf-8")
        assert "国务院 2023 → 2024" in html or "国务院 2023 → 国务院 2024" in html
        assert (tmp_path / "redline.docx").read_bytes()[:2] == b"PK"
