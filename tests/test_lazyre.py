"""annotate.lazyre: a pattern compiled on first use is the pattern ``re.compile`` gives."""

import re

from annotate.lazyre import lazy


def test_a_lazy_pattern_matches_as_compiled_and_is_compiled_once():
    get = lazy(r"(?P<n>[一二三四五六七八九十]+)五")
    assert get().search("“十四五”规划").group("n") == "十四"
    assert get() is get()  # one compiled object per process
    assert get().pattern == r"(?P<n>[一二三四五六七八九十]+)五"


def test_flags_reach_the_compiled_pattern():
    get = lazy(r"^附件$", re.M)
    assert get().flags & re.M
    assert [m.start() for m in get().finditer("正文\n附件\n")] == [3]
