"""Front matter edits that keep every other byte, proven before anything is written.

One path for merge (the German post's values) and ``check --fix`` (dates, tag strings): set
a top-level key's value, or some items of its list, or some strings deep in its nested lists
and mappings (``cover.caption``: :func:`with_leaves`), whatever the node's YAML style (plain,
quoted, block scalar, flow or block collection, anchored, an alias, a comment after it);
append a missing key; remove one. An alias to a value that changes is written out in its
place (``description: *t`` keeps its value when ``title: &t`` gets a new one), so that no
key takes another's value and no alias is left without its anchor.

Every result is proven: the new front matter is loaded again with the project's safe loader
(:func:`pipeline.post.load_post`) and must give exactly the intended mapping (every other key
unchanged, each key once). Where it does not, or where a node cannot be edited in place,
:class:`FrontMatterEditError` says ``file:line: cannot edit <key> (<why>): edit it by hand``
and nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from pipeline import frontformats
from pipeline.dates import date_text
from pipeline.edits import Edit, apply_edits
from pipeline.errors import PipelineError
from pipeline.post import Post, load_post
from pipeline.yamlout import FastSafeLoader, double_quoted, scalar



#: The key under which merge records what a generated post was made from.
RECORD_KEY = "generated_from"


def load_source_post(shown: str, data: bytes, max_bytes: int) -> Post:
    """A post to translate (:func:`pipeline.post.load_post`), refused with
    :func:`source_post_error` when it carries a generation record."""
    post = load_post(shown, data, max_bytes)
    refused = source_post_error(post)
    if refused is not None:
        raise refused
    return post


def source_post_error(post: Post) -> PipelineError | None:
    """A post to translate must not carry a generation record (a German post copied into the
    Dutch folder): its German post would get the key twice, and its hashes would lie."""
    if RECORD_KEY not in post.meta:
        return None
    line = next(
        (i + 1 for i in range(post.front_matter_offset, post.body_start) if post.lines[i].startswith(RECORD_KEY)),
        post.node_line(post.meta_nodes[RECORD_KEY]),
    )
    return PipelineError(
        post.path, line,
        f"{RECORD_KEY}: this post carries merge's generation record (was it copied from a "
        f"generated post?): remove the {RECORD_KEY} block from it",
    )


class FrontMatterEditError(PipelineError):
    """A front matter value that cannot be edited safely; the post is left as it is."""


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


#: A value in ``changes`` that removes the key.
DELETE: Any = _Delete()

Position = tuple[int, int]
"""(0-based line of the post, column)."""

# an anchor or tag before a node (``&t ``, ``!!str ``)
_PROPERTIES_RE = re.compile(r"(?:[&!][^ \t]*[ \t]+)+")
_STR_TAG = "tag:yaml.org,2002:str"
YAML_BLANKS = " \t"
"""What YAML reads as blank in a line (not Python's whitespace: a no-break space is text)."""
# what may follow a value on its line: blanks, then maybe a comment
_LINE_REST_RE = re.compile(r"[ \t]*(?:#.*)?")


def edit_front_matter(post: Post, changes: Mapping[str, Any]) -> str:
    """The post's text (BOM aside) with each key of ``changes`` set to its value (``DELETE``:
    removed), proven; raises :class:`FrontMatterEditError`."""
    edits, intended = front_matter_edits(post, changes)
    text = apply_edits(post, edits)
    prove(post, text, intended, changes)
    return text


def front_matter_edits(post: Post, changes: Mapping[str, Any]) -> tuple[list[Edit], dict[str, Any]]:
    """The edits that give each key of ``changes`` its value, and the mapping the front matter
    must load to afterwards (for :func:`prove`). Keys not yet there are appended in order."""
    if not post.has_front_matter:  # pragma: no cover - callers write a front matter instead
        raise FrontMatterEditError(post.path, 1, "cannot edit the front matter (there is none)")
    if post.front_matter_format != "yaml":
        return _format_edits(post, changes)
    intended = dict(post.meta)
    for key, value in changes.items():
        if value is DELETE:
            intended.pop(key, None)
        else:
            intended[key] = value
    root = _compose(post)
    pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in root.value if root is not None else []:
        if isinstance(key_node, yaml.ScalarNode):
            pairs[key_node.value] = (key_node, value_node)
    flow = bool(root is not None and root.flow_style)  # the front matter is one {…} mapping
    edits: list[Edit] = []
    replaced: list[tuple[Position, Position]] = []  # spans rewritten: no alias left in them
    changed_anchors: set[str] = set()
    appended: list[str] = []
    removed_pairs: list[yaml.Node] = []  # keys of a flow mapping to remove
    for key, value in changes.items():
        if key not in pairs:
            if value is not DELETE:
                appended.append(f"{scalar(key, flow=flow)}: {value_text(value, flow)}")
            continue
        key_node, node = pairs[key]
        if value is DELETE:
            changed_anchors |= _anchors(node)
            if flow:
                removed_pairs.append(key_node)
                continue
            start, end = _key_lines(post, key, key_node, node)
            edits.append(Edit(start, end, ""))
            replaced.append((start, end))
            continue
        leaves = _leaf_changes(node, post.meta.get(key), value, changed_anchors)
        if leaves is not None:
            for leaf, new, in_flow in leaves:
                edit = _replace(post, key, leaf, new, in_flow)
                edits.append(edit)
                replaced.append((edit.start, edit.end))
                changed_anchors |= _anchors(leaf)
            continue
        edit = _replace_value(post, key, key_node, node, value, flow)
        edits.append(edit)
        replaced.append((edit.start, edit.end))
        changed_anchors |= _anchors(node)
    if removed_pairs:
        for start, end in _flow_pairs(post, root, removed_pairs):
            edits.append(Edit(start, end, ""))
            replaced.append((start, end))
    # an alias of a value that changes or goes: its own (old) value written in its place
    if root is not None and changed_anchors:
        for alias, in_flow in _aliases(root):
            start, end = _start(post, alias), _end(post, alias)
            if alias.anchor not in changed_anchors or any(s <= start and end <= e for s, e in replaced):
                continue
            old = yaml.SafeLoader("").construct_document(alias)
            edits.append(Edit(start, end, value_text(old, in_flow)))
    if appended and flow:  # ``{title: …}``: new keys go after its last value that stays
        kept = [pair for pair in root.value if not any(pair[0] is key_node for key_node in removed_pairs)]
        end = _flow_end(post, root, kept)
        # first: a removed run of pairs starts where they go
        edits.insert(0, Edit(end, end, (", " if kept else "") + ", ".join(appended)))
    elif appended:  # at the keys' indentation (a top-level mapping may be indented)
        close = post.body_start - 1
        indent = " " * (root.start_mark.column if root is not None else 0)  # ``? key`` too
        edits.append(Edit((close, 0), (close, 0), "".join(indent + pair + "\n" for pair in appended)))
    return edits, intended


def flow_mapping(post: Post) -> bool:
    """Whether a YAML front matter is written as one flow mapping (``{title: …}``)."""
    root = _compose(post) if post.has_front_matter and post.front_matter_format == "yaml" else None
    return bool(root is not None and root.flow_style)


def block_indent(post: Post) -> str:
    """The indentation of the front matter's top-level keys, for block lines added after them
    (merge's record); raises :class:`FrontMatterEditError` for a front matter written as one
    flow mapping (``{title: …}``), which takes no block lines."""
    root = _compose(post) if post.has_front_matter else None
    if root is not None and root.flow_style:
        raise FrontMatterEditError(
            post.path, post.front_matter_offset + root.start_mark.line + 1,
            "the front matter is one flow mapping ({…}), and merge adds its generation record as "
            "block lines: write the front matter as 'key: value' lines",
        )
    return " " * (root.start_mark.column if root is not None else 0)


def prove(post: Post, text: str, intended: Mapping[str, Any], changes: Mapping[str, Any]) -> None:
    """Raise :class:`FrontMatterEditError` unless ``text`` (the post after the edits) has a
    front matter that loads to exactly ``intended``, each key once."""
    changed = list(changes) or list(intended)
    bom = "\ufeff" if post.bom else ""
    try:
        new = load_post(post.path, (bom + text).encode("utf-8"))
    except PipelineError as exc:
        raise _cannot(post, _nearest_key(post, changed, exc.line), exc.message) from None
    for key, _, _ in new.duplicate_keys:
        raise _cannot(post, key, "it would be written twice")
    if not new.has_front_matter:
        raise _cannot(post, changed[0], "the front matter would not close")
    for key in [*intended, *(k for k in new.meta if k not in intended)]:
        if key not in new.meta or key not in intended or not same_value(new.meta[key], intended[key]):
            got = new.meta.get(key, "nothing")
            raise _cannot(post, key, f"it would read back as {_short(got)}, not {_short(intended.get(key))}")


def same_value(a: Any, b: Any) -> bool:
    """Equal as YAML values: same types (``1`` is not ``true``), dates with the same offset."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dt.datetime):  # by instant: an ambiguous local time compares unequal
        return (a.tzinfo is None) == (b.tzinfo is None) and a.utcoffset() == b.utcoffset() and (
            a.replace(tzinfo=None, fold=0) == b.replace(tzinfo=None, fold=0)
        )
    return bool(a == b)


def value_text(value: Any, flow: bool = False) -> str:
    """``value`` as a YAML node on one line (a flow collection for a list or mapping)."""
    if isinstance(value, str):
        return scalar(value, flow=flow)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dt.datetime) and value.microsecond:
        return value.isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return date_text(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_text(item, True) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{value_text(k, True)}: {value_text(v, True)}" for k, v in value.items()) + "}"
    text = yaml.safe_dump(value, default_flow_style=True, width=1 << 30)
    return text.removesuffix("\n...\n").removesuffix("\n")


def with_leaves(value: Any, leaves: list[tuple[tuple[str | int, ...], str | None]]) -> Any:
    """A copy of a front matter value with the strings at some steps below it replaced
    (``[(("caption",), "Ein Foto"), ((1, "title"), None)]``; None: left as it is): what a key
    with translatable paths gets (:attr:`pipeline.segment.Unit.path`). The copy shares no
    list or mapping with the value nor within itself (YAML aliases build shared ones), so that
    each step is set alone."""
    copied = _unshared(value)
    for steps, new in leaves:
        if new is None or not steps:
            continue
        parent = copied
        for step in steps[:-1]:
            parent = parent[step]
        parent[steps[-1]] = new
    return copied


def _unshared(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _unshared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unshared(item) for item in value]
    return value


# --------------------------------------------------------------------------------------
# Where nodes are


class _Composer(yaml.SafeLoader):
    """PyYAML's composer, but an alias becomes a node of its own (at the alias, with
    ``.anchor`` its name) instead of the anchored node itself; every other node gets
    ``.anchor`` (its anchor or None)."""

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:  # type: ignore[override]
        event = self.peek_event()
        node = super().compose_node(parent, index)
        if isinstance(event, yaml.AliasEvent):
            alias = copy.copy(node)
            alias.start_mark, alias.end_mark = event.start_mark, event.end_mark
            alias.anchor, alias.is_alias = event.anchor, True
            return alias
        node.anchor, node.is_alias = getattr(event, "anchor", None), False
        return node


def _compose(post: Post) -> yaml.MappingNode | None:
    # load_post measured the graph already (no alias bomb gets here)
    text = "\n".join(post.lines[post.front_matter_offset : post.body_start - 1]) + "\n"
    if "&" in text:  # maybe anchors: the composer that tells aliases apart
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    else:  # no anchor, so no alias: the C composer, ten times as fast
        node = yaml.compose(text, Loader=FastSafeLoader)
        _mark_plain(node)
    return node if isinstance(node, yaml.MappingNode) else None


def _mark_plain(node: yaml.Node | None) -> None:
    """Nodes without anchors or aliases, as :class:`_Composer` marks them."""
    if node is None:
        return
    node.anchor, node.is_alias = None, False
    for child in _children(node):
        _mark_plain(child)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if getattr(node, "is_alias", False):
        return
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value


def _anchors(node: yaml.Node) -> set[str]:
    """The anchors defined in a node and under it."""
    found = {node.anchor} if getattr(node, "anchor", None) and not node.is_alias else set()
    for child in _children(node):
        found |= _anchors(child)
    return found


def _aliases(node: yaml.Node, in_flow: bool = False) -> Iterator[tuple[yaml.Node, bool]]:
    """Every alias under a node, and whether it stands in a flow collection."""
    if getattr(node, "is_alias", False):
        yield node, in_flow
        return
    flow = in_flow or bool(getattr(node, "flow_style", False))
    for child in _children(node):
        yield from _aliases(child, flow)


def _start(post: Post, node: yaml.Node) -> Position:
    return post.front_matter_offset + node.start_mark.line, node.start_mark.column


def _end(post: Post, node: yaml.Node) -> Position:
    """Where a node's text ends: a block scalar before its last line break (and blank lines),
    a block collection at its last item's end (not at the next key, past comments)."""
    if getattr(node, "is_alias", False):
        return post.front_matter_offset + node.end_mark.line, node.end_mark.column
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(post, last[1] if isinstance(node, yaml.MappingNode) else last)
    start = _start(post, node)
    line, column = post.front_matter_offset + node.end_mark.line, node.end_mark.column
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while line > start[0] and (column == 0 or not post.lines[line][:column].strip(YAML_BLANKS)):
            line -= 1
            column = len(post.lines[line])
    return line, column


def _flow_end(post: Post, root: yaml.MappingNode, pairs: list[tuple[yaml.Node, yaml.Node]] | None = None) -> Position:
    """Where pairs are added to a flow mapping: just after the last of its ``pairs`` (by
    default all; before a trailing comma, a comment or a line break, which stay after them),
    or before its closing brace when there are none."""
    pairs = root.value if pairs is None else pairs
    if pairs:
        key_node, value = pairs[-1]
        return max(_end(post, key_node), _end(post, value))
    return post.front_matter_offset + root.end_mark.line, root.end_mark.column - 1


def _after_colon(post: Post, key: str, key_node: yaml.Node) -> Position:
    """Just after the ``:`` that follows a key."""
    line = post.front_matter_offset + key_node.end_mark.line
    column = key_node.end_mark.column
    rest = post.lines[line][column:]
    if rest.lstrip(" \t")[:1] != ":":
        raise _cannot(post, key, "its key is not followed by ':' on its line")
    return line, column + len(rest) - len(rest.lstrip(" \t")) + 1


def _nonempty(node: yaml.Node) -> bool:
    return not (
        isinstance(node, yaml.ScalarNode) and not node.style and node.value == ""  # C: style ""
        and node.start_mark.index == node.end_mark.index
    )


# --------------------------------------------------------------------------------------
# Edits


def _replace(post: Post, key: str, node: yaml.Node, value: Any, in_flow: bool) -> Edit:
    """Put ``value`` in place of a node (an alias, a scalar, a collection). A scalar that gets
    a text keeps its anchor and tag (an alias elsewhere is written out separately)."""
    start, end = _start(post, node), _end(post, node)
    kept = ""
    if isinstance(node, yaml.ScalarNode) and not node.is_alias and isinstance(value, str):
        properties = _PROPERTIES_RE.match(post.lines[start[0]], start[1])
        if properties and (start[0], properties.end()) <= end:
            # a tag other than !!str (``!!bool 'false'``) would not fit the new text
            tokens = properties.group().split()
            fitting = [t for t in tokens if t.startswith("&") or node.tag == _STR_TAG]
            if fitting == tokens:
                start = (start[0], properties.end())
            else:
                kept = "".join(token + " " for token in fitting)
    if end < start:  # pragma: no cover - a node ends after it starts
        raise _cannot(post, key, "its value could not be found")
    return Edit(start, end, kept + value_text(value, in_flow))


def _replace_value(
    post: Post, key: str, key_node: yaml.Node, node: yaml.Node, value: Any, in_flow: bool
) -> Edit:
    """Put ``value`` in place of a top-level value. An empty value, or a block collection
    (which may start on the next line, even at the key's indentation), is replaced from just
    after the key's ``:``."""
    block_collection = isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style
    if _nonempty(node) and not (block_collection and not node.is_alias):
        return _replace(post, key, node, value, in_flow)
    start = _after_colon(post, key, key_node)
    end = _end(post, node) if _nonempty(node) else start
    return Edit(start, max(start, end), " " + value_text(value, in_flow))


def _leaf_changes(
    node: yaml.Node, old: Any, new: Any, anchors: set[str], in_flow: bool = False
) -> list[tuple[yaml.Node, Any, bool]] | None:
    """The nodes to replace one by one inside a list or mapping (keeping its style and
    comments), with their new values and whether each stands in a flow collection; or None
    when the whole value must be written anew. Goes down nested lists and mappings whose
    items or keys stay (a translated ``cover.caption``, ``resources.*.title``); an item that
    is an alias is replaced as a whole. The anchors of the lists and mappings that change go
    into ``anchors`` (their aliases elsewhere keep the old value)."""
    if getattr(node, "is_alias", False):
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new) or len(node.value) != len(old):
            return None
        children = list(zip(node.value, old, new))
    elif isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict):
        if list(old) != list(new):
            return None
        nodes = {  # the value nodes of the keys written here (not brought by ``<<``), the last of a repeat
            key_node.value: value_node for key_node, value_node in node.value
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG
        }
        children = []
        for key in old:
            if not same_value(old[key], new[key]):
                if not isinstance(key, str) or key not in nodes:
                    return None
                children.append((nodes[key], old[key], new[key]))
    else:
        return None
    if node.anchor:  # the list or mapping itself changes
        anchors.add(node.anchor)
    flow = in_flow or bool(node.flow_style)
    changed: list[tuple[yaml.Node, Any, bool]] = []
    for child, before, after in children:
        if same_value(before, after):
            continue
        if getattr(child, "is_alias", False) or isinstance(child, yaml.ScalarNode) and _nonempty(child):
            changed.append((child, after, flow))
            continue
        inner = _leaf_changes(child, before, after, anchors, flow)
        if inner is None:
            return None
        changed.extend(inner)
    return changed


def _flow_pairs(post: Post, root: yaml.MappingNode, keys: list[yaml.Node]) -> list[tuple[Position, Position]]:
    """The spans that remove some pairs of a flow mapping (``{a: 1, b: 2}``): each with the
    comma after it, the last ones with the comma before them."""
    pairs = root.value
    gone = [any(k is key for key in keys) for k, _ in pairs]
    last_kept = max((i for i, g in enumerate(gone) if not g), default=-1)
    spans = [
        (_start(post, pairs[i][0]), _start(post, pairs[i + 1][0]))
        for i in range(last_kept) if gone[i]
    ]
    if last_kept < len(pairs) - 1:  # a run of pairs at the end
        first = _end(post, pairs[last_kept][1]) if last_kept >= 0 else _start(post, pairs[last_kept + 1][0])
        spans.append((first, _end(post, pairs[-1][1])))
    return spans


def _key_lines(post: Post, key: str, key_node: yaml.Node, node: yaml.Node) -> tuple[Position, Position]:
    """The whole lines of a top-level key and its value, to remove them."""
    start, end = _start(post, key_node), _end(post, node) if _nonempty(node) else _after_colon(post, key, key_node)
    if post.lines[start[0]][: start[1]].strip(YAML_BLANKS) or not _LINE_REST_RE.fullmatch(post.lines[end[0]][end[1]:]):
        raise _cannot(post, key, "it shares its lines with other values")
    return (start[0], 0), (end[0] + 1, 0)


# --------------------------------------------------------------------------------------
# Reports


def _cannot(post: Post, key: str, why: str) -> FrontMatterEditError:
    node = post.meta_nodes.get(key)
    line = post.node_line(node) if node is not None else 1
    return FrontMatterEditError(post.path, line, f"cannot edit {key} ({why}): edit it by hand")


def _nearest_key(post: Post, keys: list[str], line: int | None) -> str:
    """Of the keys edited, the last one at or before ``line`` (the first one without)."""
    before = [
        key for key in keys
        if key in post.meta_nodes and line is not None and post.node_line(post.meta_nodes[key]) <= line
    ]
    return max(before, key=lambda k: post.node_line(post.meta_nodes[k])) if before else keys[0]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------------------
# TOML and JSON (read by pipeline.frontformats)


def _format_root(post: Post) -> yaml.MappingNode:
    """The nodes of a TOML or JSON front matter (marks from ``post.front_matter_offset``)."""
    offset = post.front_matter_offset
    if post.front_matter_format == "toml":
        return frontformats.load_toml("".join(line + "\n" for line in post.lines[offset : post.body_start - 1]))[1]
    first = post.lines[offset]
    rest = "\n".join(post.lines[offset : post.body_start])
    return frontformats.load_json(rest, len(first) - len(first.lstrip()))[1]


def _format_value(post: Post, key: str, value: Any, style: str | None = None) -> str:
    try:
        if post.front_matter_format == "toml":
            return frontformats.toml_value(value, style)
        return frontformats.json_value(value)
    except (ValueError, TypeError) as exc:
        raise _cannot(post, key, f"{post.front_matter_format.upper()} cannot hold it: {exc}") from None


def _format_edits(post: Post, changes: Mapping[str, Any]) -> tuple[list[Edit], dict[str, Any]]:
    """:func:`front_matter_edits` of a TOML or JSON front matter: each changed value's bytes
    replaced (a list's or a table's changed items only), new keys at the end of the root
    table (TOML: before its first ``[table]``; JSON: after the last member), keys removed
    with their lines (TOML) or their member (JSON)."""
    json_format = post.front_matter_format == "json"
    intended = dict(post.meta)
    for key, value in changes.items():
        if value is DELETE:
            intended.pop(key, None)
        else:  # JSON has no dates: they are written, and read back, as their text
            intended[key] = frontformats.json_ready(value) if json_format else value
    root = _format_root(post)
    pairs = {key_node.value: (key_node, node) for key_node, node in root.value}
    edits: list[Edit] = []
    removed: list[yaml.Node] = []
    appended: list[tuple[str, str]] = []
    for key, value in changes.items():
        if key not in pairs:
            if value is not DELETE:
                appended.append((key, _format_value(post, key, value)))
            continue
        key_node, node = pairs[key]
        if value is DELETE:
            if json_format:
                removed.append(key_node)
            else:
                edits.append(_toml_statement_removed(post, key, key_node, node))
            continue
        edits += _leaf_edits(post, key, node, post.meta.get(key), value)
    if removed:
        edits += [Edit(start, end, "") for start, end in _flow_pairs(post, root, removed)]
    if appended:
        kept = [pair for pair in root.value if not any(pair[0] is key_node for key_node in removed)]
        # first: where every member goes, it is written just after the brace, before the gap
        edits.insert(0, _appended(post, root, appended, bool(kept)))
    return edits, intended


def _span(post: Post, node: yaml.Node) -> tuple[Position, Position]:
    offset = post.front_matter_offset
    return ((offset + node.start_mark.line, node.start_mark.column),
            (offset + node.end_mark.line, node.end_mark.column))


def _leaf_edits(post: Post, key: str, node: yaml.Node, old: Any, new: Any) -> list[Edit]:
    """The edits that turn ``old`` (written at ``node``) into ``new``: only the values that
    differ are written anew, a table's or a list's others kept as they are."""
    if same_value(old, new) and type(old) is type(new):
        return []
    if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict) and list(old) == list(new):
        children = {key_node.value: child for key_node, child in node.value}
        if all(k in children for k in new):
            return [edit for k in new for edit in _leaf_edits(post, key, children[k], old[k], new[k])]
    if (isinstance(node, yaml.SequenceNode) and isinstance(old, list) and isinstance(new, list)
            and len(old) == len(new) == len(node.value)):
        return [edit for item, a, b in zip(node.value, old, new) for edit in _leaf_edits(post, key, item, a, b)]
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        start, end = _span(post, node)
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        return [Edit(start, end, _format_value(post, key, new, style))]
    raise _cannot(post, key, "it is a table written with [headers], and the new value has another shape")


def _toml_statement_removed(post: Post, key: str, key_node: yaml.Node, node: yaml.Node) -> Edit:
    """The edit that removes a ``key = value`` line (or lines) of the root table."""
    if not isinstance(node, yaml.ScalarNode) and not node.flow_style:
        raise _cannot(post, key, "it is a table, not one 'key = value'")
    (line, column), _ = _span(post, key_node)
    _, (end_line, end_column) = _span(post, node)
    if post.lines[line][:column].strip(YAML_BLANKS) or not _LINE_REST_RE.fullmatch(post.lines[end_line][end_column:]):
        raise _cannot(post, key, "it shares its lines with other values")
    return Edit((line, 0), (end_line + 1, 0), "")


def _appended(post: Post, root: yaml.MappingNode, appended: list[tuple[str, str]], kept: bool = True) -> Edit:
    """The edit that adds new keys at the end of the root table or object (``kept``: whether
    a JSON object keeps a member of its own)."""
    if post.front_matter_format == "toml":
        header = getattr(root, "first_header", None)
        line = post.front_matter_offset + header.line if header is not None else post.body_start - 1
        text = "".join(f"{frontformats.toml_key(key)} = {value}\n" for key, value in appended)
        return Edit((line, 0), (line, 0), text)
    members = [f"{frontformats.json_value(key)}: {value}" for key, value in appended]
    if not kept:  # ``{}``, or every member removed: just after its brace
        at = _span(post, root)[0]
        return Edit((at[0], at[1] + 1), (at[0], at[1] + 1), ", ".join(members))
    at, separator = _after_last_member(post, root)
    return Edit(at, at, "".join(separator + member for member in members))


def _after_last_member(post: Post, root: yaml.MappingNode) -> tuple[Position, str]:
    """Where a member added to a JSON object goes (after its last one), and what comes
    before it: a comma, and the line break and indentation of the last member's line where
    that member starts its line."""
    last_key, last = root.value[-1]
    (line, column), _ = _span(post, last_key)
    before = post.lines[line][:column]
    return _span(post, last)[1], f",\n{before}" if not before.strip() else ", "


def record_inserted(post: Post, text: str, record: Mapping[str, str]) -> str:
    """``text`` (a German post: ``post`` after merge's edits, BOM aside) with merge's
    generation record last in its front matter, as the format has it: a ``[generated_from]``
    table in TOML, a last member in JSON, a last pair ``generated_from: {…}`` in a YAML flow
    mapping. The record's reader is :func:`pipeline.record.read_record`."""
    new = load_post(post.path, text.encode("utf-8"))
    if new.front_matter_format == "toml":
        line = new.body_start - 1
        block = f"[{RECORD_KEY}]\n" + "".join(
            f"{name} = {frontformats.toml_string(value)}\n" for name, value in record.items())
        at: Position = (line, 0)
    elif new.front_matter_format == "json":
        at, separator = _after_last_member(new, _format_root(new))
        block = f'{separator}"{RECORD_KEY}": {{' + ", ".join(
            f"{frontformats.json_value(name)}: {frontformats.json_value(value)}" for name, value in record.items()) + "}"
    else:
        root = _compose(new)
        assert root is not None and root.flow_style
        at = _flow_end(new, root)
        block = f"{', ' if root.value else ''}{RECORD_KEY}: {{" + ", ".join(
            f"{name}: {double_quoted(value) if name in ('post', 'url') else scalar(value, flow=True)}"
            for name, value in record.items()) + "}"
    return apply_edits(new, [Edit(at, at, block)])
