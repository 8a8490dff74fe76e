"""Regular expressions compiled on first use.

A pattern that only some inputs need (a legacy encoding, an old report's prose plan, a web page's
chrome) should not cost every process its compile time: CPython spends about a millisecond on a
class with a large Unicode range (``[\\u4e00-\\u9fff]``), filling a 65,536-entry table in Python.

Contract: ``lazy(pattern, flags)`` returns a getter; ``getter()`` is ``re.compile(pattern, flags)``,
compiled at the first call and the same object at every later one (thread-safe: ``lru_cache``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable


def lazy(pattern: str, flags: int = 0) -> Callable[[], "re.Pattern[str]"]:
    """A getter of ``re.compile(pattern, flags)`` that compiles on its first call (module docstring)."""

    @lru_cache(maxsize=1)
    def get() -> "re.Pattern[str]":
        return re.compile(pattern, flags)

    return get
