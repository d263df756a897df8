"""The generation record merge writes into a German post's front matter: what the post was
made from (the Dutch post's and the catalog's hashes) and the hash of the post as written,
by which a hand edit is told from merge's own output. Merge (:class:`pipeline.merge._Render`)
and check decide what to do with it."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

import yaml

from pipeline.files import lf_endings
from pipeline.frontedit import RECORD_KEY
from pipeline.yamlout import FastSafeLoader


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_sha256(data: bytes) -> str:
    """The hash the generation record keeps of a text file: of its text with LF line endings,
    so that a checkout's line endings (git's ``core.autocrlf``) change nothing it says."""
    return sha256(lf_endings(data))


def record_matches(recorded: str | None, data: bytes) -> bool:
    """Whether a hash in a generation record is that of ``data``: :func:`text_sha256`, or the
    hash of the bytes as records kept it before line endings were set aside."""
    return recorded is not None and recorded in (text_sha256(data), sha256(data))


# ``(?<![^\r\n])``: at the start of a line, whatever its ending (``^`` knows only ``\n``); at the
# keys' indentation (a front matter may be indented as a whole), last before the closing ---
_RECORD_RE = re.compile(
    rf"(?<![^\r\n])[ ]*{RECORD_KEY}:(?:\r\n|\r|\n)(?:[ \t]+[^\r\n]*(?:\r\n|\r|\n))*(?=---)"
)


_RECORD_VALUE_RE = re.compile(r"(?<![^\r\n])[ \t]+(\w+):[ \t]*\"?([^\"\r\n]*)\"?")


# A string, in TOML's or JSON's double quotes, or YAML's
_QUOTED = r'"(?:[^"\\\r\n]|\\.)*"'
_NL = r"(?:\r\n|\r|\n)"
#: the record of a TOML front matter: a table last before the closing +++
_TOML_RECORD_RE = re.compile(
    rf"(?<![^\r\n])\[{RECORD_KEY}\]{_NL}(?:\w+ = {_QUOTED}{_NL})*(?=\+\+\+)"
)
#: the record of a JSON front matter (its last member) or of a YAML flow mapping (its last
#: pair): before the closing brace
_JSON_RECORD_RE = re.compile(
    rf',(?:{_NL}[ \t]*| )"{RECORD_KEY}": (\{{(?:{_QUOTED}|[^"{{}}\r\n])*\}})(?=[ \t\r\n]*\}})'
)
#: (after the last pair: a trailing comma, comments and line breaks may follow it, and a
#: comment the brace)
_FLOW_RECORD_RE = re.compile(
    rf'(?:, |(?<=\{{)){RECORD_KEY}: (\{{(?:{_QUOTED}|[^"{{}}\r\n])*\}})'
    rf'(?=(?:[ \t\r\n,]|#[^\r\n]*)*\}}[ \t]*(?:#[^\r\n]*)?{_NL}---)'
)


def read_record(text: str) -> tuple[dict[str, str], str] | None:
    """The generation record of a German post and the post's text without it, if it has one
    (in the post's front matter format: see :func:`pipeline.frontedit.record_inserted`)."""
    opening = text.lstrip(" \t\r\n")[:3]
    if opening == "---":
        match = _RECORD_RE.search(text)
        if not match:
            match = _FLOW_RECORD_RE.search(text)
            return None if match is None else _found(text, match, _yaml_values)
        values = dict(_RECORD_VALUE_RE.findall(match.group()))
        return values, text[: match.start()] + text[match.end() :]
    if opening == "+++":
        match = _TOML_RECORD_RE.search(text)
        return None if match is None else _found(text, match, _toml_values)
    if opening[:1] == "{":
        match = next((m for m in _JSON_RECORD_RE.finditer(text) if _closes_json(text, m.end())), None)
        return None if match is None else _found(text, match, json.loads)
    return None


def _closes_json(text: str, index: int) -> bool:
    """Whether the brace after ``index`` (past blank space) closes the JSON front matter: the
    record is the object's last member, not that of an object inside it (``params``)."""
    start = len(text) - len(text.lstrip(" \t\r\n"))
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
    except ValueError:
        return False
    return text[index:end].strip(" \t\r\n") == "}"


def _found(text: str, match: re.Match[str], read: Callable[[str], Any]) -> tuple[dict[str, str], str] | None:
    try:
        values = read(match.group(1) if match.groups() else match.group())
    except ValueError:
        return None
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        return None
    return values, text[: match.start()] + text[match.end() :]


def _toml_values(text: str) -> Any:
    try:
        return tomllib.loads(text.replace("\r\n", "\n").replace("\r", "\n")).get(RECORD_KEY)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc)) from None


def _yaml_values(text: str) -> Any:
    try:
        return yaml.load(text, Loader=FastSafeLoader)
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None


def hand_edited(data: bytes) -> bool:
    """Whether a German post was changed since merge wrote it (or was never written by merge)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    body = text.removeprefix("\ufeff")
    found = read_record(body)
    if found is None:
        return True
    values, without = found
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return not record_matches(values.get("sha256"), (bom + without).encode("utf-8"))
