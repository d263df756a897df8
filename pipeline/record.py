"""The generation record merge writes into a German post's front matter: what the post was
made from (the Dutch post's and the catalog's hashes) and the hash of the post as written,
by which a hand edit is told from merge's own output. Merge (:class:`pipeline.merge._Render`)
and check decide what to do with it."""

from __future__ import annotations

import hashlib
import re

from pipeline.files import lf_endings
from pipeline.frontedit import RECORD_KEY


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


def read_record(text: str) -> tuple[dict[str, str], str] | None:
    """The generation record of a German post and the post's text without it, if it has one."""
    if not text.startswith("---"):
        return None
    match = _RECORD_RE.search(text)
    if not match:
        return None
    values = dict(_RECORD_VALUE_RE.findall(match.group()))
    return values, text[: match.start()] + text[match.end() :]


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
