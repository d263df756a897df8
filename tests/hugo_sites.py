"""Throwaway Hugo sites for the differential tests of pipeline.hugo: build one with the real
Hugo and read the URL it gave each content file."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path

#: One line per page: its language, its file (in its content folder) and its .RelPermalink
_SEP = "\u241e"
_LINE = f"PAGE{_SEP}{{{{ .Lang }}}}{_SEP}{{{{ with .File }}}}{{{{ .Path | safeHTML }}}}{{{{ end }}}}{_SEP}{{{{ .RelPermalink | safeHTML }}}}{_SEP}END"
LAYOUTS = {
    "layouts/_default/single.html": _LINE + "\n",
    "layouts/_default/list.html": _LINE + "\n",
    "layouts/index.html": "{{ range .Site.AllPages }}" + _LINE + "\n{{ end }}",
}


def front_matter_text(front_matter: Mapping[str, object]) -> str:
    """YAML front matter holding ``front_matter``'s strings exactly (JSON scalars are YAML)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front_matter.items()]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\nText.\n"


def build_site(root: Path, files: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """Write ``files`` (path -> text) and the layouts under ``root``, build it with Hugo,
    and return ``{(language, path in its content folder): RelPermalink}`` of every page
    that has a file."""
    for name, text in {**LAYOUTS, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["hugo", "--source", str(root), "--destination", str(root / "public"), "--quiet"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    urls: dict[tuple[str, str], str] = {}
    for page in (root / "public").rglob("*"):
        if not page.is_file():
            continue
        for line in page.read_text(encoding="utf-8", errors="replace").split("\n"):
            if line.startswith(f"PAGE{_SEP}") and line.endswith(f"{_SEP}END"):
                _, language, path, url, _ = line.split(_SEP)
                if path:
                    found = urls.setdefault((language, path), url)
                    assert found == url, (language, path, found, url)
    return urls


def differences(
    root: Path, config: Mapping[str, str], pages: Mapping[tuple[str, str], Mapping[str, object]]
) -> list[str]:
    """Build a site of ``config`` (file -> text) and ``pages`` ((language, path in its
    content folder) -> front matter) with Hugo, and return, for each page, where
    ``pipeline.hugo.page_url`` and Hugo disagree (none: the model is exact here)."""
    from pipeline.hugo import ContentTree, language_content_dirs, load_hugo_settings, page_url

    for name, text in config.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    settings = load_hugo_settings(root)
    folders = language_content_dirs(settings)
    files = {
        f"{folders[language]}/{relpath}": front_matter_text(front_matter)
        for (language, relpath), front_matter in pages.items()
    }
    built = build_site(root, files)
    found = []
    for language in folders:
        relpaths = [relpath for (lang, relpath) in pages if lang == language]
        tree = ContentTree.of(relpaths)
        for relpath in relpaths:
            modelled = page_url(settings, language, relpath, pages[(language, relpath)], tree)
            hugo = built.get((language, relpath))
            if modelled != hugo:
                found.append(f"{language}:{relpath} {pages[(language, relpath)]}: "
                             f"modelled {modelled}, Hugo {hugo}")
    return found
