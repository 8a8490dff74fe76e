"""The annotator registry: layers run in a declared order (DESIGN.md part B).

Each annotator is a function ``Report -> Report`` registered with the layers it requires and
the layer it adds; :func:`run_all` orders them so every requirement runs first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Report


@dataclass(frozen=True)
class Annotator:
    name: str
    adds: str
    requires: tuple[str, ...]
    run: Callable[[Report], Report]


REGISTRY: list[Annotator] = []


def register(adds: str, requires: tuple[str, ...] = ()):
    """Decorator: register ``fn`` as the annotator that adds layer ``adds``."""

    def deco(fn: Callable[[Report], Report]) -> Callable[[Report], Report]:
        REGISTRY.append(Annotator(fn.__module__.rsplit(".", 1)[-1], adds, requires, fn))
        return fn

    return deco


def _load_builtin() -> None:
    # Importing the modules registers them; a missing module just means that layer is absent.
    import importlib

    for name in ("quantities", "dates", "entities", "commitments", "indicators", "targets"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


def ordered() -> list[Annotator]:
    """Registered annotators, each after the ones whose layers it requires."""
    # Always load the built-in modules: importing one annotator module directly (tests do)
    # registers it, and must not hide the others.
    _load_builtin()
    done: set[str] = set()
    out: list[Annotator] = []
    pending = list(REGISTRY)
    while pending:
        progressed = False
        for a in list(pending):
            if all(r in done or not any(p.adds == r for p in REGISTRY) for r in a.requires):
                out.append(a)
                done.add(a.adds)
                pending.remove(a)
                progressed = True
        if not progressed:
            raise RuntimeError(f"annotators with circular requirements: {[a.name for a in pending]}")
    return out


def run_all(report: Report) -> Report:
    for annotator in ordered():
        report = annotator.run(report)
    return report
