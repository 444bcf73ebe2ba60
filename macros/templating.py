"""Render the texts editors write (pages under docs/, the call's texts) as data, never as code.

A text may ask for facts by name and nothing else: `{{ call.closes }}`,
`{{ ui.calc_link }}`, `{{ applicant_types() }}`, `{% if status.state == "open" %}`.
Before anything is rendered, the template's syntax tree is checked against a
short list of what asking for a fact needs (names, their fields, calls of the
listed macros with plain values, comparisons, if/else): a loop, a filter, an
assignment, an import or an attribute outside the documented names is refused
with its file, line and the names that are allowed. Then the text is rendered
in Jinja's immutable sandbox, autoescaped, with exactly those names and no
globals, filters or tests, and its output is cut off at a size no page needs.

What the text rendered is checked once more, as markup (macros/markup_rules.py):
a tag or attribute that the text builds from pieces (`<{{ "scr" }}…`) is refused
at the line of the text that wrote it. HTML the project's own macros drew (a
tool's form, a date's <time>) is set aside for that check, by a token no text
can guess, and put back after it.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import secrets
import traceback
from collections.abc import Mapping

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .markup_rules import markup_problems
from .problems import Problem
from .user_cache import template_cache

MAX_OUTPUT_CHARS = 400_000  # the largest page of the reference call is about 20 000 characters

# What asking for a fact needs; everything else is refused.
ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If, nodes.Name, nodes.Getattr,
           nodes.Getitem, nodes.Const, nodes.Compare, nodes.Operand, nodes.Not, nodes.And, nodes.Or,
           nodes.CondExpr, nodes.Call, nodes.Keyword)
CONSTRUCTS = {
    nodes.For: "{% for %}", nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}", nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}", nodes.Include: "{% include %}", nodes.Import: "{% import %}",
    nodes.FromImport: "{% from %}", nodes.Extends: "{% extends %}", nodes.Block: "{% block %}",
    nodes.FilterBlock: "{% filter %}", nodes.With: "{% with %}", nodes.Filter: "| filter", nodes.Test: "is test",
    nodes.BinExpr: "+ - * / % **", nodes.Concat: "~", nodes.List: "[ ]", nodes.Dict: "{ }", nodes.Tuple: "( , )",
    nodes.Slice: "[a:b]", nodes.ExprStmt: "{% do %}", nodes.Scope: "{% with %}", nodes.UnaryExpr: "- +",
}


class TemplateProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class Refused(Exception):
    """A macro's refusal (a text that does not exist), reported at the line of the text that asked."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, tuple(params.items())
        super().__init__(code)


def _environment() -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True,
                                                keep_trailing_newline=True)
    environment.globals.clear()
    environment.filters.clear()
    environment.tests.clear()
    return environment


ENVIRONMENT = _environment()


def _listing(names: Mapping) -> str:
    """The names a text may use, as an editor writes them."""
    shown = []
    for name, value in names.items():
        shown.append(f"{name}()" if callable(value) else f"{name}.…" if isinstance(value, Mapping) else name)
    return ", ".join(sorted(shown))


def _suggest(wrong: str, candidates) -> str:
    close = difflib.get_close_matches(wrong, list(candidates), n=3, cutoff=0.6)
    return ", ".join(close)


class _Checker:
    def __init__(self, names: Mapping, file: str, first_line: int):
        self.names, self.file, self.first_line = names, file, first_line
        self.problems: list[Problem] = []

    def problem(self, node: nodes.Node, code: str, **params) -> None:
        line = self.first_line + (getattr(node, "lineno", 1) or 1) - 1
        self.problems.append(Problem(self.file, line, code, tuple(params.items())))

    def check(self, node: nodes.Node, called: bool = False) -> None:
        if not isinstance(node, ALLOWED):
            construct = next((text for kind, text in CONSTRUCTS.items() if isinstance(node, kind)), type(node).__name__)
            self.problem(node, "template_not_allowed", construct=construct)
            return
        if isinstance(node, nodes.Name):
            self.name(node, called)
            return
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            self.field(node)
            return
        if isinstance(node, nodes.Call):
            self.call(node)
            return
        for child in node.iter_child_nodes():
            self.check(child)

    def name(self, node: nodes.Name, called: bool) -> None:
        if node.name not in self.names:
            suggestion = _suggest(node.name, self.names)
            self.problem(node, "template_unknown_name", name=node.name,
                         suggestion=suggestion or _listing(self.names))
            return
        value = self.names[node.name]
        if callable(value) and not called:
            self.problem(node, "template_macro_not_called", name=node.name)
        elif called and not callable(value):
            self.problem(node, "template_not_a_macro", name=node.name)

    def unknown_root(self, node: nodes.Node) -> bool:
        """Report the name a chain (a.b.c, a.b(), a['b']) starts from, if it is not a known one."""
        while isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call)):
            node = node.node
        if isinstance(node, nodes.Name) and node.name not in self.names:
            self.name(node, False)
            return True
        return False

    def field(self, node: nodes.Node) -> None:
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        owner = node.node
        if not isinstance(owner, nodes.Name) or not isinstance(key, str):
            if not self.unknown_root(node):
                self.problem(node, "template_not_allowed", construct="a.b.c")
            return
        if owner.name not in self.names:
            self.name(owner, False)
            return
        fields = self.names[owner.name]
        if not isinstance(fields, Mapping):
            self.problem(node, "template_no_fields", name=owner.name)
        elif key not in fields or key.startswith("_"):
            wrong = f"{owner.name}.{key}"
            suggestion = _suggest(key, [k for k in fields if not k.startswith("_")])
            shown = ", ".join(f"{owner.name}.{s}" for s in suggestion.split(", ")) if suggestion else \
                ", ".join(f"{owner.name}.{k}" for k in sorted(fields) if isinstance(k, str) and not k.startswith("_"))
            self.problem(node, "template_unknown_name", name=wrong, suggestion=shown)

    def call(self, node: nodes.Call) -> None:
        if not isinstance(node.node, nodes.Name):
            if not self.unknown_root(node):
                self.problem(node, "template_not_allowed", construct="a.b()")
            return
        self.name(node.node, True)
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            self.problem(node, "template_not_allowed", construct="*args")
        for argument in list(node.args) + [keyword.value for keyword in node.kwargs]:
            if not isinstance(argument, nodes.Const):
                self.problem(argument, "template_macro_argument", name=node.node.name)


def _checked(source: str, names: Mapping, file: str, first_line: int) -> tuple[nodes.Template | None, list[Problem]]:
    """The text's syntax tree, and the problems that stop it from rendering."""
    try:
        tree = ENVIRONMENT.parse(source)
        checker = _Checker(names, file, first_line)
        checker.check(tree)
    except jinja2.TemplateSyntaxError as error:
        return None, [Problem(file, first_line + (error.lineno or 1) - 1, "template_syntax", (("error", error.message or ""),))]
    except RecursionError:  # brackets, `not`s or conditions hundreds of layers deep
        return None, [Problem(file, first_line, "template_too_deep")]
    return tree, checker.problems


def check_template(source: str, names: Mapping, file: str, first_line: int = 1) -> list[Problem]:
    """Problems that stop a text from rendering: syntax, and anything but asking for facts."""
    return _checked(source, names, file, first_line)[1]


# Compiled texts: a check, a preview or a build renders the same texts again and again (every language's pages
# share most of theirs), and compiling is most of rendering. Kept by the source itself, in memory and in the
# user's cache (Jinja's own, checked against the source); only a text that passed the check is ever compiled.
# The code calls its environment's finalize by name, so one code serves every render's own environment.
_COMPILED: dict[str, object] = {}
_CACHE = template_cache("texts")


def _compiled(environment, source: str, tree: nodes.Template):
    """The text as a template of this environment, compiled from the tree already checked."""
    code = _COMPILED.get(source)
    if code is None:
        bucket = _CACHE and _CACHE.get_bucket(environment, hashlib.sha256(source.encode("utf-8")).hexdigest(), None, source)
        code = bucket.code if bucket else None
        if code is None:
            code = environment.compile(tree)
            if bucket:
                bucket.code = code
                _CACHE.set_bucket(bucket)
        _COMPILED[source] = code
    return environment.template_class.from_code(environment, code, environment.make_globals(None))


def _runtime_line(error: Exception, template) -> int:
    """The text's line where rendering stopped: the compiled template's frame, mapped back to the text."""
    frames = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return template.get_corresponding_lineno(frames[-1]) if frames else 1


class _OwnMarkup:
    """Collects the HTML the project's macros return while a text renders (Jinja's finalize sees every
    value a `{{ }}` prints), and stands a token in its place."""

    def __init__(self):
        self.token = secrets.token_hex(8)
        self.kept: list[str] = []

    def finalize(self, value):
        if isinstance(value, Markup) and "<" in value:
            self.kept.append(str(value))
            return Markup(f"\ue000{self.token}:{len(self.kept) - 1}\ue001")
        return value

    def restore(self, text: str) -> str:
        for index, kept in enumerate(self.kept):
            text = text.replace(f"\ue000{self.token}:{index}\ue001", kept, 1)
        return text


def _environment_for(own: _OwnMarkup) -> ImmutableSandboxedEnvironment:
    environment = _environment()
    environment.finalize = own.finalize
    return environment


def _source_line(starts: list[int], lines: list[int], output_line: int) -> int:
    """The text's line that wrote an output line: the piece that line falls in, and how far into it."""
    at = max(bisect.bisect_right(starts, output_line) - 1, 0)
    return lines[at] + (output_line - starts[at])


def render(source: str, names: Mapping, file: str, first_line: int = 1, html_allowed: bool = True) -> Markup:
    """The text rendered with exactly `names`; TemplateProblem on anything else, or on markup it builds."""
    tree, problems = _checked(source, names, file, first_line)
    if problems:
        raise TemplateProblem(problems[0])
    own = _OwnMarkup()
    try:
        template = _compiled(_environment_for(own), source, tree)
    except (RecursionError, SyntaxError, MemoryError):  # Python compiles at most 100 nested blocks
        raise TemplateProblem(Problem(file, first_line, "template_too_deep")) from None
    pieces, size = [], 0
    starts, lines, output_line = [], [], 1  # where each piece starts in the output, and the text's line that wrote it
    try:
        generator = template.root_render_func(template.new_context(dict(names)))
        for piece in generator:
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateProblem(Problem(file, first_line, "template_too_long", (("limit", MAX_OUTPUT_CHARS),)))
            frame = generator.gi_frame
            starts.append(output_line)
            lines.append(template.get_corresponding_lineno(frame.f_lineno) if frame is not None else 1)
            output_line += piece.count("\n")
            pieces.append(piece)
    except TemplateProblem:
        raise
    except Refused as error:
        raise TemplateProblem(Problem(file, first_line + _runtime_line(error, template) - 1, error.code, error.params)) from None
    except jinja2.exceptions.SecurityError as error:
        raise TemplateProblem(Problem(file, first_line + _runtime_line(error, template) - 1, "template_not_allowed",
                                      (("construct", str(error)),))) from None
    except RecursionError:
        raise TemplateProblem(Problem(file, first_line, "template_too_deep")) from None
    except Exception as error:  # a fact missing in this language, a macro's own complaint
        raise TemplateProblem(Problem(file, first_line + _runtime_line(error, template) - 1, "template_error",
                                      (("error", f"{type(error).__name__}: {error}"),))) from None
    rendered = "".join(pieces)
    built = markup_problems(rendered, file, 1, html_allowed=html_allowed)
    if built:
        problem = built[0]
        raise TemplateProblem(Problem(file, first_line + _source_line(starts, lines, problem.line) - 1, problem.code,
                                      problem.params))
    return Markup(own.restore(rendered))
