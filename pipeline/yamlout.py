"""YAML scalars written so that any text loads back exactly (titles with ``: ``, ``#``, ``---``).

Scalars only: where they go in a front matter is :mod:`pipeline.frontedit`'s."""

from __future__ import annotations

import re

import yaml

try:  # the C parser is much faster; it is in every PyYAML wheel
    from yaml import CSafeLoader as FastSafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as FastSafeLoader  # type: ignore[assignment]

_LOADERS = (
    (FastSafeLoader, yaml.SafeLoader) if FastSafeLoader is not yaml.SafeLoader else (yaml.SafeLoader,)
)

_DQ_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# What YAML does not allow raw in a double-quoted scalar, or reads as a line break
_NEEDS_ESCAPE_RE = re.compile(
    "[\\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
)


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``."""

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in _DQ_ESCAPES:
            return _DQ_ESCAPES[ch]
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return '"' + _NEEDS_ESCAPE_RE.sub(escape, text) + '"'


_PLAIN_SAFE_RE = re.compile(r"[^\s\"'`!&*|>%@#\[\]{},?:\-][^\n]*")


# YAML 1.1 readers (Hugo's among them) take these for booleans, null or numbers
_BOOL_OR_NULL_RE = re.compile(
    r"(?i:y|n|yes|no|on|off|true|false|null|~)"
    r"|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\.(?i:inf|nan))"
    r"|0[xob][0-9a-fA-F_]+|[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?"
)
# starts with a letter; letters, digits, blanks and punctuation that never means anything to
# YAML inside a plain scalar (no ``:``, ``#``, quotes, brackets, braces)
_PLAIN_WORDS_RE = re.compile(r"[^\W\d_][\w.,'’()\-–—!?&/+ ]*(?<! )")
# a path of at least two parts (``2017/2017-02-22-post``): with its ``/`` never a number, a
# date or a boolean, and nothing in it means anything to YAML
_PLAIN_PATH_RE = re.compile(r"[\w.][\w.-]*(?:/[\w.-]+)+")
# Lowercase hex with a letter (a SHA-256 digest): no YAML 1.1 resolver reads it as anything
# but a string (an int or float needs digits alone, a ``.``, ``x`` or ``:``), but for the
# binary int ``0b0101``
_HEX_DIGEST_RE = re.compile(r"[0-9a-f]*[a-f][0-9a-f]*")
_BINARY_INT_RE = re.compile(r"0b[01]+")


def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a plain scalar when that reads back the same string, else double-quoted.

    ``flow``: the scalar is an item of a flow sequence (``[a, b]``), where ``,``, ``[``,
    ``]``, ``{`` and ``}`` end a plain scalar.
    """
    if _BOOL_OR_NULL_RE.fullmatch(text):
        return double_quoted(text)
    if _PLAIN_WORDS_RE.fullmatch(text) and (not flow or ("," not in text and "?" not in text)):
        # words and common punctuation only: plain in any YAML reader, no probe needed
        return text
    if _PLAIN_PATH_RE.fullmatch(text) and (not flow or "," not in text):
        return text
    if _HEX_DIGEST_RE.fullmatch(text) and not _BINARY_INT_RE.fullmatch(text):
        return text  # a hash (the generation record's): plain to any YAML reader, no probe
    if _PLAIN_SAFE_RE.fullmatch(text) and text == text.strip() and not _NEEDS_ESCAPE_RE.search(text):
        probe, expected = (f"k: [{text}]\n", {"k": [text]}) if flow else (f"k: {text}\n", {"k": text})
        try:
            # libyaml and PyYAML's own scanner disagree on some plain scalars (``[0?]``
            # is ["0?"] to the one, an error to the other): plain only when both agree
            if all(yaml.load(probe, Loader=loader) == expected for loader in _LOADERS):
                return text
        except yaml.YAMLError:
            pass
    return double_quoted(text)


def flow_list(items: list[str]) -> str:
    """A YAML flow sequence holding exactly ``items``."""
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"
