"""Spread independent calls over processes or a Dask cluster (the corpus and the site use it).

Contract: :func:`parallel_map` yields ``(i, fn(*calls[i]))`` in completion order; errors are
values ``fn`` returns, never exceptions crossing processes.  :func:`dask_client` connects to a
scheduler or raises one AnnotateError saying what to do.  Local worker processes run
:func:`die_with_parent` first: they leave Ctrl-C to the coordinator and end when it ends.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable, Iterable, Optional

CONNECT_TIMEOUT = "20s"  # how long to keep trying a Dask scheduler that does not answer


def dask_client(scheduler: str):
    """(a connected ``distributed.Client``, ``as_completed``); AnnotateError naming what to do when
    Dask is not installed or the scheduler does not answer."""
    from ..errors import AnnotateError

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise AnnotateError(scheduler, "--scheduler needs Dask distributed, which is not installed",
                            "pip install 'annotate[dask]'") from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT), as_completed
    except Exception as exc:  # OSError, TimeoutError, ValueError from a bad address
        raise AnnotateError(scheduler, f"cannot connect to the Dask scheduler ({type(exc).__name__}: {exc})",
                            "check the address (tcp://host:8786) and that the scheduler is running") from None


def die_with_parent(parent: Optional[int] = None) -> None:
    """Worker initializer (``initargs=(os.getpid(),)``).  The coordinator alone handles Ctrl-C
    (workers ignore SIGINT) and stops workers with SIGTERM, which must kill them (a forked worker
    would otherwise inherit the coordinator's handler).  On Linux a worker also gets SIGTERM when
    the coordinator dies, even by SIGKILL, so no worker is left running; a worker whose coordinator
    died while it was being started (before it could ask for that signal) leaves at once, since
    it would otherwise wait forever on a queue whose writing end it holds itself."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:
        os._exit(0)


def parallel_map(fn: Callable, calls: list[tuple], jobs: Optional[int] = None,
                 scheduler: Optional[str] = None) -> Iterable[tuple[int, object]]:
    """Yield ``(i, fn(*calls[i]))`` for every call, in completion order.

    The one way multi-report commands (corpus, site) spread work: in this process when
    ``jobs`` is 1 (or there is one call), in ``jobs`` local processes, or on the Dask cluster at
    ``scheduler``.  ``fn`` must be a module-level function that returns its errors as values (it
    runs in another process); arguments travel with the task, so Dask workers need no files.
    """
    if scheduler:
        client, as_completed = dask_client(scheduler)
        try:
            futures = {client.submit(fn, *args, pure=False): i for i, args in enumerate(calls)}
            for f in as_completed(list(futures)):
                yield futures[f], f.result()
        finally:
            client.close()
        return
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(calls) <= 1:
        for i, args in enumerate(calls):
            yield i, fn(*args)
        return
    # workers die with the coordinator (a killed `site` or `changes` must not leave them behind)
    with ProcessPoolExecutor(max_workers=min(jobs, len(calls)), initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(fn, *args): i for i, args in enumerate(calls)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield futures[f], f.result()
