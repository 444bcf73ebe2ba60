"""Read the call's YAML files strictly, with the line of every field.

PyYAML's safe loader still expands anchors and aliases (a few lines can grow
to gigabytes) and lets a repeated key silently replace the first. Editors never
need either, so both are refused, as are .nan and .inf (not amounts), bytes
that are not UTF-8, and files larger than a call can sensibly be. Dates stay
text: the schema checks their form.

Numbers are plain decimals (0x10, 0o20 and 1e6 are not amounts an editor means),
of a sensible length; no value carries an explicit tag (!!float, !!python/…);
and no text holds a character readers' software chokes on or that hides what a
text says: control characters (a feed with one is not XML), lone surrogates,
non-characters and bidirectional overrides.

Every refusal is a `YamlProblem(line, code, params)`; the caller turns it into
a message of the editor's language (macros/messages/).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

# A call's largest file is a few kilobytes; a hundred times that is still generous.
MAX_FILE_BYTES = 512 * 1024
MAX_NUMBER_DIGITS = 15  # more than any amount in kronor
# Characters refused in any text: controls but tab and line breaks, lone surrogates, non-characters,
# and the bidirectional embeddings, overrides and isolates that make a name read other than it is.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


REFUSED_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + "".join(sorted(BIDI_CONTROLS))
    + "".join(chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF)) + "]")


def refused_character(text: str) -> str | None:
    """The first character of a text that the data may not hold, as U+XXXX, or None."""
    found = REFUSED_CHARACTERS.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


@dataclass(frozen=True)
class YamlProblem(Exception):
    line: int
    code: str
    params: tuple = ()


class _Resolver(Resolver):
    """YAML 1.2's core schema, the one the browser editor's YAML library reads and writes: `no`, `on`
    and `14:00` are text (YAML 1.1 made them false, true and 840), and dates stay as typed."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
):
    _Resolver.add_implicit_resolver(_tag, __import__("re").compile(_pattern), list(_first))


class _Composer(Composer):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1, "yaml_alias", (("name", event.anchor),))
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise YamlProblem(event.start_mark.line + 1, "yaml_tag", (("tag", tag),))
        return super().compose_node(parent, index)


class _Constructor(SafeConstructor):
    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlProblem(key_node.start_mark.line + 1, "yaml_key_not_text")
            if key in seen:
                raise YamlProblem(key_node.start_mark.line + 1, "yaml_duplicate_key",
                                  (("key", str(key)), ("first", seen[key])))
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if isinstance(value, str):
            found = refused_character(value)
            if found:
                raise YamlProblem(node.start_mark.line + 1, "yaml_control_character", (("char", found),))
        return value

    def construct_yaml_float(self, node):
        """A decimal fraction (a rate in per cent); not 1e6, .nan or .inf."""
        text = self.construct_scalar(node)
        if re.search(r"[eE]|inf|nan|Inf|NaN|INF|NAN", text) or len(text.lstrip("+-").replace(".", "")) > MAX_NUMBER_DIGITS:
            raise YamlProblem(node.start_mark.line + 1, "yaml_not_a_number", (("value", node.value),))
        value = float(text)
        if math.isnan(value) or math.isinf(value):
            raise YamlProblem(node.start_mark.line + 1, "yaml_not_a_number", (("value", node.value),))
        return value

    def construct_yaml_int(self, node):
        """A plain decimal integer (YAML 1.2: 012 is twelve); 0x1F and 0o17 are refused, as is a number longer
        than any amount."""
        text = self.construct_scalar(node)
        digits = text.lstrip("+-")
        if text.startswith(("0o", "0x")) or len(digits) > MAX_NUMBER_DIGITS:
            raise YamlProblem(node.start_mark.line + 1, "yaml_not_a_number", (("value", node.value),))
        return int(text, 10)


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


class StrictLoader(Reader, Scanner, Parser, _Composer, _Constructor, _Resolver):
    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


try:
    from yaml.cyaml import CParser
except ImportError:  # a PyYAML built without libyaml
    CParser = None
if CParser is not None:
    class FastLoader(_Composer, CParser, _Constructor, _Resolver):
        """The same rules, with libyaml's scanner and parser (the events) under this module's composer and
        constructor: a large call reads ten times faster. A file it refuses is read again by StrictLoader,
        whose messages say where and what (tools/check.py's tests rely on them)."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)
else:
    FastLoader = StrictLoader


@dataclass
class Document:
    data: object
    lines: dict = field(default_factory=dict)  # field path (keys and indices) -> 1-based line

    def line(self, path: tuple) -> int:
        """The line of a field, or of its nearest ancestor that exists in the file."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _line_index(node: yaml.Node, prefix: tuple = ()) -> dict[tuple, int]:
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = prefix + (key_node.value,)
            lines.update(_line_index(value_node, path))
            lines[path] = key_node.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_line_index(item, prefix + (index,)))
    return lines


def decode(raw: bytes) -> str:
    """UTF-8 text, or a problem at the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlProblem(raw[: error.start].count(b"\n") + 1, "not_utf8") from None


def syntax_problem(error: yaml.MarkedYAMLError) -> YamlProblem:
    """A parser's complaint as the line where the problem starts and what kind it is.

    An unclosed quote is found only at the end of the file; its context mark
    is where the quoted text began, which is the line an editor must fix."""
    problem = (error.problem or "").lower()
    context = (error.context or "").lower()
    start = error.context_mark if error.context_mark is not None else error.problem_mark
    at = error.problem_mark if error.problem_mark is not None else start
    if "quoted scalar" in context:
        return YamlProblem(start.line + 1, "yaml_unclosed_quote")
    if "mapping values are not allowed" in problem:
        return YamlProblem(at.line + 1, "yaml_colon")
    if "'\\t'" in problem or "tab" in problem:
        return YamlProblem(at.line + 1, "yaml_tab")
    if "flow sequence" in context or "flow mapping" in context:
        return YamlProblem(start.line + 1, "yaml_unclosed_bracket")
    if "block mapping" in context or "block sequence" in context or "indentation" in problem \
            or "expected <block end>" in problem:
        return YamlProblem(at.line + 1, "yaml_indentation")
    if "could not find expected ':'" in problem or "simple key" in context:
        return YamlProblem(start.line + 1, "yaml_missing_colon")
    return YamlProblem(at.line + 1 if at else 1, "yaml_syntax")


def parse(text: str) -> Document:
    """Parse one YAML document strictly: data and the line of every field."""
    if FastLoader is not StrictLoader:
        loader = FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                return Document(loader.construct_document(node), _line_index(node))
            return Document(None, {})
        except (yaml.YAMLError, YamlProblem, RecursionError):
            pass  # read again below, for the precise message
        finally:
            loader.dispose()
    return _parse_strictly(text)


def _parse_strictly(text: str) -> Document:
    try:
        loader = StrictLoader(text)
    except yaml.reader.ReaderError as error:  # a NUL or other character YAML itself refuses, typed in the file
        line = text[: error.position].count("\n") + 1
        raise YamlProblem(line, "yaml_control_character", (("char", f"U+{error.character:04X}" if isinstance(error.character, int)
                                                              else f"U+{ord(error.character):04X}"),)) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(None, {})
        return Document(loader.construct_document(node), _line_index(node))
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        raise _quote_left_open(text, error) or syntax_problem(error) from None
    except yaml.YAMLError:
        raise YamlProblem(1, "yaml_syntax") from None
    except RecursionError:
        raise YamlProblem(1, "yaml_too_deep") from None
    finally:
        loader.dispose()


def _quote_left_open(text: str, error: yaml.MarkedYAMLError) -> YamlProblem | None:
    """A quote left open that the file's next quote closed, lines further down, so that the parser stumbles there:
    the problem is where the quoted text began. Found as a quoted text of several lines that ends on the line the
    parser stumbled on (a file's own texts of several lines are written without quotes)."""
    if error.problem_mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.end_mark.line == error.problem_mark.line and last.start_mark.line < last.end_mark.line - 1:
        return YamlProblem(last.start_mark.line + 1, "yaml_unclosed_quote")
    return None


def load_bytes(raw: bytes, limit: int = MAX_FILE_BYTES) -> Document:
    if len(raw) > limit:
        raise YamlProblem(1, "file_too_large", (("size", f"{len(raw) // 1024} KB"), ("limit", f"{limit // 1024} KB")))
    return parse(decode(raw))
