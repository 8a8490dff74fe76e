"""annotate.lazyre: a pattern compiled on first use, or rebuilt from the cache of compiled code, is
the pattern ``re.compile`` gives."""

import marshal
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from annotate import lazyre
from annotate.lazyre import compiled, lazy

ROOT = Path(__file__).resolve().parent.parent
needs_cache = pytest.mark.skipif(not lazyre.SUPPORTED, reason="this Python's re internals are not cached")


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    """A process state with no cache read yet and the cache file in ``tmp_path``."""
    monkeypatch.setenv("ANNOTATE_CACHE_DIR", str(tmp_path))
    _next_process(monkeypatch)
    return tmp_path


def _next_process(monkeypatch) -> None:
    """Forget what this process read and compiled, as a new process would."""
    monkeypatch.setattr(lazyre, "_state", {"stored": None, "new": {}, "used": set(), "checked": False,
                                           "off": not lazyre.SUPPORTED})


def test_a_lazy_pattern_matches_as_compiled_and_is_compiled_once():
    get = lazy(r"(?P<n>[一二三四五六七八九十]+)五")
    assert get().search("“十四五”规划").group("n") == "十四"
    assert get() is get()  # one compiled object per process
    assert get().pattern == r"(?P<n>[一二三四五六七八九十]+)五"


def test_flags_reach_the_compiled_pattern():
    get = lazy(r"^附件$", re.M)
    assert get().flags & re.M
    assert [m.start() for m in get().finditer("正文\n附件\n")] == [3]


PATTERNS = [
    (r"(?P<value>\d+(?:\.\d+)?)(?P<unit>亿元|万人|%)", 0),
    (r"[\u4e00-\u9fff]{2,4}(?:省|市)", 0),
    (r"^(?:附件|附录)\s*[0-9０-９一二三]*$", re.M),
    (r"(?<![A-Za-z])pm2\.5(?!\d)", re.I),
    (r"(?=[一二三])(?:一是|二是|三是)(.+?)(?:。|$)", re.S),
    (rb"\x00[\x01-\x7f]+", 0),
]


@needs_cache
def test_a_pattern_rebuilt_from_the_cache_file_equals_re_compile(fresh_cache, monkeypatch):
    first = [compiled(p, f) for p, f in PATTERNS]
    lazyre.save()
    path = lazyre.cache_file()
    assert path.parent == fresh_cache and path.is_file()
    assert set(lazyre.read_cache(path)) == {(p, int(f)) for p, f in PATTERNS}
    _next_process(monkeypatch)
    again = [compiled(p, f) for p, f in PATTERNS]
    assert not lazyre._state["new"]  # every pattern came from the file
    for (p, f), a, b in zip(PATTERNS, first, again):
        ref = re.compile(p, f)
        assert a == ref and b == ref
        assert b.groupindex == ref.groupindex and b.groups == ref.groups and b.flags == ref.flags
    assert again[0].search("收入90.15亿元").group("unit") == "亿元"
    assert again[2].findall("正文\n附件 一\n") == ["附件 一"]
    assert again[3].search("PM2.5浓度").span() == (0, 5)


@needs_cache
def test_a_damaged_cache_file_or_entry_falls_back_to_re_compile(fresh_cache, monkeypatch):
    compiled(r"(\d+)万人")
    lazyre.save()
    path = lazyre.cache_file()
    path.write_bytes(b"not marshal data")
    _next_process(monkeypatch)
    assert compiled(r"(\d+)万人") == re.compile(r"(\d+)万人")
    # a file changed by anything but save (its checksum no longer matches) is not used
    good = path.read_bytes()
    path.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    _next_process(monkeypatch)
    assert lazyre._stored() == {}
    # an entry whose code is malformed: _sre rejects it, the pattern is compiled afresh
    payload = marshal.dumps({(r"(\d+)亿元", 0): (32, b"\xff\xff\x00\x00", 1, {}, (None, None))})
    path.write_bytes(b"ANRX" + zlib.crc32(payload).to_bytes(4, "little") + payload)
    _next_process(monkeypatch)
    assert compiled(r"(\d+)亿元").search("92亿元").group(1) == "92"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATE_CACHE_DIR", "")
    assert lazyre.cache_file() is None
    _next_process(monkeypatch)
    assert compiled(r"[一二三]号线") == re.compile(r"[一二三]号线")
    lazyre.save()  # nowhere to write: nothing happens, nothing raises


def test_errors_are_re_compiles(fresh_cache):
    with pytest.raises(re.error):
        compiled(r"(unclosed")


@needs_cache
def test_a_new_process_writes_the_cache_at_exit_and_the_next_reads_it(tmp_path):
    env = {"ANNOTATE_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    code = ("import sys; sys.path.insert(0, %r); from annotate.lazyre import compiled, _state\n"
            "p = compiled(r'(?P<n>[\\u4e00-\\u9fff]{2})市')\n"
            "print(p.search('北京市').group('n'), len(_state['new']))" % str(ROOT))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["北京", "1"], ["北京", "0"]]


# Patterns drawn from pieces the annotators use: classes with CJK ranges, alternations,
# lookarounds, named groups, repeats.
_PIECES = st.sampled_from([r"[\u4e00-\u9fff]", r"[一二三四五六七八九十]+", r"\d{1,3}", r"(?:亿元|万人|%)",
                           r"(?<![A-Za-z])", r"(?=[。；])", r"(?P<g%d>万|亿)", r"[^，。\n]{0,6}?", "年", r"\s*"])


@needs_cache
@given(st.lists(_PIECES, min_size=1, max_size=6), st.sampled_from([0, re.M, re.S, re.I]),
       st.text(alphabet="一二三万亿元人年市省% 。；ABC0123456789\n", max_size=30))
def test_a_cached_pattern_finds_what_re_compile_finds(pieces, flags, text):
    pattern = "".join(p % i if "%d" in p else p for i, p in enumerate(pieces))
    entry = lazyre._entry(pattern, int(flags))
    rebuilt = lazyre._build(pattern, marshal.loads(marshal.dumps(entry)))
    ref = re.compile(pattern, flags)
    assert rebuilt == ref and rebuilt.groupindex == ref.groupindex
    assert [m.span() for m in rebuilt.finditer(text)] == [m.span() for m in ref.finditer(text)]


@needs_cache
def test_tagging_in_a_second_process_compiles_no_pattern_again(tmp_path):
    """Every pattern the annotators build is the same text in every process (no set order leaks
    into an alternation), so a second process, with another hash seed, finds all of them cached."""
    report = next(iter(sorted((ROOT / "tests" / "golden").glob("*.old.txt"))))
    code = ("import sys; sys.path.insert(0, %r); from annotate import pipeline, lazyre\n"
            "pipeline.tag(%r)\n"
            "print(sorted(repr(k[0])[:40] for k in lazyre._state['new']))" % (str(ROOT), str(report)))
    runs = []
    for seed in ("1", "2"):
        env = {"ANNOTATE_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed}
        runs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True).stdout.strip())
    assert runs[0] != "[]"  # the first process compiled (and kept) the patterns
    assert runs[1] == "[]"
