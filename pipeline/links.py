"""Slugs, page paths and anchors: how posts are addressed, and link destinations rewritten.

A post's slug and the German one, where Hugo publishes a post (to tell two posts at one
page), heading ids, link destinations outside code spans. Not the URL Hugo gives a page
(:mod:`pipeline.hugo`, through :class:`pipeline.site.Site`), nor which Dutch page is which
German one (:class:`pipeline.linkmap.LinkMap`)."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from pipeline.languages import ascii_letters
from pipeline.post import Post, spellings


SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str, language: str = "de") -> str:
    """Lowercase ASCII with hyphens, written as the language writes its slugs
    (:func:`pipeline.languages.ascii_letters`: German ``ä`` → ``ae``, ``ß`` → ``ss``; Danish
    ``å`` → ``aa``; accents dropped)."""
    return "-".join(re.findall(r"[a-z0-9]+", ascii_letters(text, language)))


def german_slug(
    given: str | None, title: str | None, source_slug: str, language: str = "de", section: bool = False
) -> str:
    """A post's slug in ``language``: the translator's slug (``given``), else its translated
    title's; the source slug when either comes out empty (a title of only punctuation or of
    letters without an ASCII transliteration). A ``section`` page's (``_index.md``) is never
    ``index``: Hugo 0.111 ignores a section page's slug but that one, which moves its page to
    ``/<folder>.html`` (``_index`` copied as its translation, a title "Index"); its source
    slug then, which Hugo ignores."""
    slug = (
        (slugify(given, language) if given else "")
        or (slugify(title, language) if title else "")
        or source_slug
    )
    return source_slug if section and slug == "index" else slug


def untransliterable(text: str, language: str = "de") -> list[str]:
    """The letters and digits of ``text`` that :func:`slugify` drops, having no ASCII
    transliteration (a Cyrillic ``а`` in ``dаs-wetter``), each once, in order."""
    return [ch for ch in dict.fromkeys(text) if ch.isalnum() and not slugify(ch, language)]


def post_url(pattern: str, slug: str) -> str:
    """A post's URL from the language's pattern (``/{slug}/``, ``/de/{slug}/``)."""
    return pattern.replace("{slug}", slug)


def is_section(post_id: str) -> bool:
    """Whether a post is a section's ``_index.md``: the list page of its folder."""
    return post_id.rpartition("/")[2] == "_index"


def file_name(post_id: str) -> str:
    """The name of a post's file without ``.md`` (a bundle's ``index``, a section's
    ``_index``: its folder's), as Hugo's ``:filename`` date handler reads it."""
    parts = post_id.rsplit("/", 2)
    return parts[-2] if parts[-1] in ("index", "_index") and len(parts) > 1 else parts[-1]


def translation_key(file_name: str) -> str:
    """The ``translationKey`` by which Hugo pairs a post's pages across languages when the
    Dutch post sets none, from the post's file under its language's folder
    (:meth:`pipeline.config.Config.post_file_name`): its path without ``.md`` (a leaf bundle's
    ``blog/reis/index``, as Hugo 0.111 keys it), but for a section's ``_index.md`` its folder
    (Hugo pairs ``blog/_index.md`` by ``blog``, and the home page by the empty key; a key
    ``blog/_index`` pairs it with nothing)."""
    page = file_name.removesuffix(".md")
    return page.rpartition("/")[0] if is_section(page) else page


def made_sections(post_ids: Iterable[str]) -> list[str]:
    """The sections Hugo makes a list page for without an ``_index.md``, as the post id that
    file would have (``blog/_index``): every top-level folder with posts, but a leaf bundle's
    (``x/index.md``)."""
    post_ids = set(post_ids)  # (read twice: a generator would be spent by the first)
    folders = {
        post.partition("/")[0] for post in post_ids
        if post.count("/") > 1 or ("/" in post and not post.endswith("/index"))
    }
    return sorted(f"{folder}/_index" for folder in folders if f"{folder}/_index" not in post_ids)


def slug_key(meta: dict[str, object]) -> str | None:
    """The key the post's slug is in, as written: ``slug`` in any case (Hugo reads ``Slug:``
    too; tried with a real Hugo), the lower-case one first; None without one."""
    if "slug" in meta:
        return "slug"
    return next(iter(spellings(meta, "slug")), None)


def slug_line(post: Post) -> int:
    """The line of the post's slug key (1 without one)."""
    node = post.meta_nodes.get(slug_key(post.meta) or "slug")
    return post.node_line(node) if node is not None else 1


def effective_slug(post_id: str, meta: dict[str, object]) -> str:
    """The post's slug: its ``slug`` key (:func:`slug_key`), or its file name without a
    leading date (a leaf bundle's ``index.md``: its folder's name, as Hugo)."""
    key = slug_key(meta)
    slug = meta.get(key) if key is not None else None
    if isinstance(slug, str) and slug.strip():
        return slug.strip()
    parts = post_id.rsplit("/", 2)
    name = parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", name)


def page_path(post_id: str, slug: str) -> str:
    """Where Hugo publishes a post of a language: its folder under ``content/<lang>/`` and its
    slug, lowercased as Hugo lowercases paths. Two posts with one page path are one URL, and
    Hugo publishes only one of them. A section's ``_index.md`` is its folder's list page (Hugo
    ignores its slug); a leaf bundle's ``index.md`` is the page of its folder, whose name
    the slug replaces."""
    folder, _, name = post_id.rpartition("/")
    if is_section(post_id):
        return folder.lower()
    if name == "index":
        folder = folder.rpartition("/")[0]
    return f"{folder}/{slug}".lstrip("/").lower()


def slug_blockers(held: Mapping[str, str], wanted: Mapping[str, str]) -> dict[str, list[str]]:
    """The posts of ``wanted`` that may not take their slug now, each with the posts in its way.

    ``held``: the slug of each page of a language as it is now (its posts on disk, by id);
    ``wanted``: the slug each post about to be written would get. A page keeps its URL
    (:func:`page_path`), so that a published page never breaks: a post may not take the URL
    of another page, and posts that want a URL none of them has all wait (none has a better
    claim than the others).
    """
    # a section's list page has its folder's URL whatever its slug: it holds it already, and
    # so does the one Hugo makes for a top-level folder without an _index.md
    sections = {post: slug for post, slug in wanted.items() if is_section(post)}
    sections.update((section, "") for section in made_sections(held.keys() | wanted.keys()))
    if sections:
        held = {**held, **sections}
    wanters: dict[str, list[str]] = defaultdict(list)
    for post, slug in wanted.items():
        wanters[page_path(post, slug)].append(post)
    holders: dict[str, list[str]] = defaultdict(list)
    has: dict[str, str] = {}  # the page path of each post of ``wanted`` that has a page
    for post, slug in held.items():
        key = page_path(post, slug)
        if post in wanted:
            has[post] = key
        if key in wanters:  # only the paths some post wants matter
            holders[key].append(post)
    blocked: dict[str, list[str]] = {}
    for post, slug in wanted.items():
        key = page_path(post, slug)
        if len(wanters[key]) == 1 and key not in holders:
            continue  # the common case: nobody else has or wants it
        others = {other for other in holders.get(key, ()) if other != post}
        if has.get(post) != key:
            others.update(other for other in wanters[key] if other != post)
        if others:
            blocked[post] = sorted(others)
    return blocked


def settle_slugs(held: Mapping[str, str], wanted: Mapping[str, str]) -> dict[str, list[str]]:
    """The posts of ``wanted`` that stay blocked (:func:`slug_blockers`) when every post that
    may be written is: a post whose slug is held by a page that moves to another slug in the
    same run gets it once that page has moved."""
    now, pending = dict(held), dict(wanted)
    while pending:
        blocked = slug_blockers(now, pending)
        ready = [post for post in pending if post not in blocked]
        if not ready:
            return blocked
        for post in ready:
            now[post] = pending.pop(post)
    return {}


def heading_anchor(markdown: str) -> str:
    """The id Hugo (goldmark, ``autoHeadingIDType = "github"``) gives a heading. Goldmark
    makes it of the heading's line as written, markup included: ``Een _mooie_ dag`` is
    ``een-_mooie_-dag`` and ``Met [link](/x/)`` is ``met-linkx`` (Hugo 0.111)."""
    # \w is str.isalnum() or "_", \s is str.isspace() (tests/test_links.py checks every
    # code point): a letter, digit, _ or - kept, a blank made a -, anything else dropped
    return _BLANK_RE.sub("-", _NOT_IN_ANCHOR_RE.sub("", markdown.strip().lower()))


_NOT_IN_ANCHOR_RE = re.compile(r"[^\w\s-]")
_BLANK_RE = re.compile(r"\s")


# A Markdown inline link or image destination: ](dest "title") or ](<dest>)
LINK_DEST_RE = re.compile(r"(\]\(\s*)(<[^>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)")
# A link reference definition line: [label]: dest
REF_DEF_RE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(<[^>\n]*>|\S+)")


_BACKTICKS_RE = re.compile(r"`+")


def code_span_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span of an inline Markdown string, as CommonMark pairs
    backtick runs: a run opens a span closed by the next run of the same length."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    while True:
        opening = _BACKTICKS_RE.search(text, pos)
        if opening is None:
            return ranges
        escaped = 0
        while opening.start() - escaped > 0 and text[opening.start() - escaped - 1] == "\\":
            escaped += 1
        start = opening.start() + escaped % 2  # a backslash-escaped backtick is literal
        length = opening.end() - start
        if length == 0:
            pos = opening.end()
            continue
        closing = _BACKTICKS_RE.search(text, opening.end())
        while closing is not None and len(closing.group()) != length:
            closing = _BACKTICKS_RE.search(text, closing.end())
        if closing is None:
            pos = opening.end()  # no closer: the run is literal backticks
            continue
        ranges.append((start, closing.end()))
        pos = closing.end()


_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def literal_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span and each HTML comment of an inline Markdown string, in
    order: what looks like a link there is none (Hugo writes it as it is)."""
    code = code_span_ranges(text) if "`" in text else []
    if "<!--" not in text:
        return code
    starts = [start for start, _ in code]
    comments = []
    for match in _COMMENT_RE.finditer(text):
        i = bisect.bisect_right(starts, match.start()) - 1
        if not (i >= 0 and match.start() < code[i][1]):
            comments.append((match.start(), match.end()))
    found: list[tuple[int, int]] = []
    for start, end in sorted(code + comments):
        if found and start < found[-1][1]:
            continue  # (a code span's backticks inside a comment)
        found.append((start, end))
    return found


def _escaped(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` is backslash-escaped."""
    count = 0
    while pos - count > 0 and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _closed_link_texts(text: str) -> set[int]:
    """The positions of the ``]`` of ``text`` that close a bracket opened by a ``[`` (neither
    of them backslash-escaped), paired as CommonMark pairs them: innermost first. A ``]``
    not among them closes no link text (``\\[x](/y/)`` is text). In one pass."""
    opened: list[int] = []
    closed: set[int] = set()
    for match in re.finditer(r"[\[\]]", text):
        i = match.start()
        if _escaped(text, i):
            continue
        if text[i] == "[":
            opened.append(i)
        elif opened:
            opened.pop()
            closed.add(i)
    return closed


def rewrite_destinations(text: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    """Apply ``rewrite(url) -> url`` to every inline link/image destination in ``text``
    (not to what only looks like one inside a code span or an HTML comment, or after an
    escaped ``\\[``)."""
    if "](" not in text:
        return text
    inside = _in_literal(text)
    # (only a text with a backslash may have a "](" that closes no link text)
    closed = _closed_link_texts(text) if "\\" in text else None

    def replace(match: re.Match[str]) -> str:
        if inside(match.start()):
            return match.group(0)
        if closed is not None and match.start() not in closed:
            return match.group(0)
        dest = match.group(2)
        bracketed = dest.startswith("<") and dest.endswith(">")
        url = dest[1:-1] if bracketed else dest
        if url.startswith("{{"):
            return match.group(0)  # a shortcode's (ref): rewrite_shortcode_refs' part
        new = rewrite(url)
        if new == url:
            return match.group(0)
        return match.group(1) + (f"<{new}>" if bracketed else new)

    return LINK_DEST_RE.sub(replace, text)


# Hugo's ref and relref shortcodes: {{< ref "x.md#a" >}}, {{% relref path="x" lang="nl" %}}
SHORTCODE_REF_RE = re.compile(r"(\{\{([<%])\s*)(ref|relref)(\s+)([^\n]*?)(\s*[>%]\}\})")
_SHORTCODE_ARG_RE = re.compile(r'(?:([A-Za-z]\w*)=)?("(?:[^"\\\n]|\\.)*"|`[^`\n]*`|[^\s"`=]+)')
# A raw HTML link or image: <a … href="…">, <img … src="…"> (the value quoted or not)
HTML_URL_RE = re.compile(
    r"""(<(?:a\b[^<>]*?\shref|img\b[^<>]*?\ssrc)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""",
    re.IGNORECASE,
)


def _in_literal(text: str, comments: bool = True):  # type: ignore[no-untyped-def]
    """``inside(pos)``: whether ``pos`` is in a code span of ``text`` (or an HTML comment,
    unless ``comments`` is false), where what looks like a link is none."""
    code = literal_ranges(text) if comments else code_span_ranges(text) if "`" in text else []
    # the spans are in order and apart: bisect, not a scan of all of them for each link
    # (quadratic for a paragraph of 50,000 code spans and links)
    starts = [start for start, _ in code]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < code[i][1]

    return inside


def rewrite_html_urls(text: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    """Apply ``rewrite(url) -> url`` to the ``href`` of each ``<a>`` and the ``src`` of each
    ``<img>`` in ``text`` (every other byte of the tag as it is; not in a code span or an
    HTML comment)."""
    if "<" not in text:
        return text
    inside = _in_literal(text)

    def replace(match: re.Match[str]) -> str:
        if inside(match.start()):
            return match.group(0)
        value = match.group(2)
        quote = value[0] if value[0] in "\"'" else ""
        url = value[1:-1] if quote else value
        if not url or url.startswith("{{"):
            return match.group(0)
        new = rewrite(url)
        return match.group(0) if new == url else match.group(1) + quote + new + quote

    return HTML_URL_RE.sub(replace, text)


def shortcode_ref_arguments(arguments: str) -> tuple[str | None, str | None, bool]:
    """The path and ``lang`` of a ref's arguments, and whether they are named (``path=``);
    (None, None, False) for arguments it cannot read."""
    named: dict[str, str] = {}
    positional: list[str] = []
    pos = 0
    for match in _SHORTCODE_ARG_RE.finditer(arguments):
        if arguments[pos:match.start()].strip():
            return None, None, False
        value = match.group(2)
        value = value[1:-1] if value[0] in '"`' else value
        if match.group(1):
            named[match.group(1).lower()] = value
        else:
            positional.append(value)
        pos = match.end()
    if arguments[pos:].strip() or (named and positional) or len(positional) > 2:
        return None, None, False  # a path and an output format at most
    if named:
        return named.get("path"), named.get("lang"), True
    return (positional[0] if positional else None), None, False


def rewrite_shortcode_refs(text: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    """Apply ``rewrite(path, lang) -> (path, lang)`` to each ``ref``/``relref`` shortcode of
    ``text`` (not in a code span). A new ``lang`` turns positional arguments into named ones
    (``{{< ref path="x.md" lang="nl" >}}``); the rest of the shortcode stays as written."""
    if "ref" not in text or "{{" not in text:
        return text
    inside = _in_literal(text, comments=False)  # (Hugo runs a shortcode in an HTML comment too)

    def replace(match: re.Match[str]) -> str:
        if inside(match.start()):
            return match.group(0)
        arguments = match.group(5)
        path, lang, named = shortcode_ref_arguments(arguments)
        if path is None:
            return match.group(0)
        new_path, new_lang = rewrite(path, lang)
        if (new_path, new_lang) == (path, lang):
            return match.group(0)
        if named or new_lang != lang:
            rest = [f'{m.group(1)}={m.group(2)}' for m in _SHORTCODE_ARG_RE.finditer(arguments)
                    if m.group(1) and m.group(1).lower() not in ("path", "lang")]
            outputs = [] if named else [m.group(2) for m in _SHORTCODE_ARG_RE.finditer(arguments)][1:2]
            rest += [f"outputFormat={value}" for value in outputs]
            parts = [f'path="{new_path}"', *([f'lang="{new_lang}"'] if new_lang else []), *rest]
            new_arguments = " ".join(parts)
        else:
            written = next(_SHORTCODE_ARG_RE.finditer(arguments)).group(2)
            quote = written[0] if written[0] in '"`' else ""
            new_arguments = quote + new_path + quote + arguments[len(written):]
        return match.group(1) + match.group(3) + match.group(4) + new_arguments + match.group(6)

    return SHORTCODE_REF_RE.sub(replace, text)


# A CommonMark autolink with a scheme: <https://example.org/x/> (not an e-mail address's)
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\x00-\x1f]*)>")


def rewrite_autolinks(text: str, rewrite) -> str:  # type: ignore[no-untyped-def]
    """Apply ``rewrite(url) -> url`` to each autolink (``<https://example.org/x/>``) of
    ``text`` outside code spans: its destination and its text are the URL."""
    if "<" not in text or ":" not in text:
        return text
    inside = _in_literal(text)

    def replace(match: re.Match[str]) -> str:
        if inside(match.start()):
            return match.group(0)
        url = match.group(1)
        new = rewrite(url)
        return match.group(0) if new == url else f"<{new}>"

    return AUTOLINK_RE.sub(replace, text)


def rewrite_links(text: str, rewrite_url, rewrite_ref) -> str:  # type: ignore[no-untyped-def]
    """Every link of an inline Markdown text rewritten: inline destinations, autolinks and
    raw HTML ``href``/``src`` by ``rewrite_url(url) -> url``, ``ref``/``relref`` shortcodes by
    ``rewrite_ref(path, lang) -> (path, lang)``."""
    if not may_link(text):
        return text
    text = rewrite_destinations(text, rewrite_url)
    text = rewrite_autolinks(text, rewrite_url)
    text = rewrite_html_urls(text, rewrite_url)
    return rewrite_shortcode_refs(text, rewrite_ref)


def may_link(text: str) -> bool:
    """Whether ``text`` has what each kind of link :func:`rewrite_links` rewrites starts with
    (``](``, ``<``, ``{{``): a text without any (most units) has no link to rewrite."""
    return "](" in text or "<" in text or "{{" in text
