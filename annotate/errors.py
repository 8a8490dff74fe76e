"""The one error type users see: what file, what is wrong, what to do."""

from __future__ import annotations


class AnnotateError(Exception):
    """Bad input.  The CLI prints ``str(error)`` on one line and exits with status 1.

    ``file`` names the input, ``problem`` says what is wrong with it, ``hint`` what to do.
    """

    def __init__(self, file: str, problem: str, hint: str = "") -> None:
        self.file = file
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.file}: {self.problem}"
        if self.hint:
            text += f"; {self.hint}"
        return " ".join(text.split())  # always one line
