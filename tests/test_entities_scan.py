"""The fast gazetteer scan and the per-token memo of the entity annotator (issue 18, speed): they must give
exactly what the plain forms they replace give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from annotate.annotators import entities as E


def _one_regex_scan(text: str, lex: E.Lexicon, boundaries: set[int]) -> list[tuple[int, int, str]]:
    """The reference: leftmost-longest matches of the one trie regex over every name, a rejected
    two-character name letting the search resume one character on (the scan before the speed-up)."""
    out, pos = [], 0
    while pos < len(text):
        for m in lex.pattern.finditer(text, pos):
            name = m.group()
            if len(name) > 2 or (m.start() in boundaries and m.end() in boundaries):
                out.append((m.start(), m.end(), lex.names[name][0]))
            else:
                pos = m.start() + 1
                break
        else:
            break
    return out


_LEX = E.load_lexicon()
_PIECES = sorted(_LEX.names)[::7] + ["的", "和", "、", "建设", "河", "北京", "南", "州"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sets(st.integers(0, 60)))
def test_gazetteer_scan_equals_one_regex_scan(pieces, cuts):
    text = "".join(pieces)
    boundaries = {c for c in cuts if c <= len(text)} | {0, len(text)}
    got = [(c.start, c.end, c.type) for c in E._gazetteer(text, _LEX, boundaries)]
    assert got == _one_regex_scan(text, _LEX, boundaries)


def test_gazetteer_scan_takes_longest_name_and_whole_word_two_character_names():
    text = "推进京津冀协同和河北雄安新区建设，北运河北京段与河北段"
    tokens = ["推进", "京津冀", "协同", "和", "河北", "雄安新区", "建设", "，", "北运河", "北京段", "与", "河北", "段"]
    offsets = [0]
    for t in tokens:
        offsets.append(offsets[-1] + len(t))
    found = [text[c.start:c.end] for c in E._gazetteer(text, _LEX, set(offsets))]
    assert "京津冀" in found and "雄安新区" in found
    assert found.count("河北") == 2  # whole words both times; never the 河北 across 运河|北京
    assert all(re.fullmatch(r"\S+", f) for f in found)


def test_token_test_memo_matches_its_function():
    calls = []

    def fn(t):
        calls.append(t)
        return t[1] == "ns"

    test = E._TokenTest(fn)
    tokens = [("上海", "ns"), ("建设", "v"), ("上海", "ns"), ("港", "n")]
    assert test.hits(tokens) == [0, 2]
    assert test.hits(tokens) == [0, 2]
    assert len(calls) == 3  # each distinct token tested once
