"""One problem found in the call, a page or the build, in the editor's language.

A problem is a code of the message table (macros/messages/<lang>.yml) and its
values, never a sentence: it reads in whichever language the editor chose.
Printed as `FILE:LINE: field: what is wrong (what to write instead)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import problem_text, say


@dataclass(frozen=True)
class Term:
    """A value that is itself a message (a kind of value, a format), translated when shown."""

    key: str


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    code: str
    params: tuple = ()
    field: str = ""

    def text(self, lang: str | None = None) -> str:
        params = {name: say(value.key, lang) if isinstance(value, Term) else value for name, value in self.params}
        what, expected = problem_text(self.code, params, lang)
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{field} {what} ({expected})"

    def __str__(self) -> str:
        return self.text()


class CallError(Exception):
    """Raised with every problem found, so that one run shows them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PageProblem(Exception):
    """A page that cannot be built: raised with the problem, which names its file and line."""

    def __init__(self, problem):
        self.problem = problem
        super().__init__(str(problem))


def dotted(path) -> str:
    """A place in a data file as its path reads: grants[1].amount_sek."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"
