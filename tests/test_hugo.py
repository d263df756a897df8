"""End to end: the repo's seed post and shipped German catalog, built by a real Hugo."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "2017-02-22-workshop-e-learning-toekomst"

pytestmark = pytest.mark.skipif(
    shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo'; .ci/run installs it)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    for name in ("hugo.toml", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "content" / "nl").mkdir(parents=True)
    shutil.copy(REPO / "tests" / "fixtures" / "seed" / f"{SEED_ID}.md", root / "content" / "nl")
    po = root / "locale" / "de" / "LC_MESSAGES"
    po.mkdir(parents=True)
    shutil.copy(REPO / "locale" / "de" / "LC_MESSAGES" / f"{SEED_ID}.po", po)
    runner = CliRunner()
    for command in ("extract", "merge"):
        result = runner.invoke(main, ["-C", str(root), command])
        assert result.exit_code == 0, result.output
    assert (root / "content" / "de" / f"{SEED_ID}.md").exists()
    subprocess.run(
        ["hugo", "--source", str(root), "--destination", str(root / "public")],
        check=True,
        capture_output=True,
    )
    return root / "public"


def _page(public: Path, url: str) -> str:
    return (public / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_dutch_page_links_to_german(site: Path) -> None:
    html = _page(site, "/workshop-e-learning-toekomst/")
    assert '<html lang="nl">' in html
    assert '<link rel="alternate" hreflang="de" href="/de/workshop-e-learning-zukunft/">' in html
    assert 'hreflang="de" href="/de/workshop-e-learning-zukunft/">Deutsch</a>' in html


def test_german_page_links_back_and_has_the_date(site: Path) -> None:
    html = _page(site, "/de/workshop-e-learning-zukunft/")
    assert '<html lang="de">' in html
    assert '<link rel="alternate" hreflang="nl" href="/workshop-e-learning-toekomst/">' in html
    assert '<time datetime="2017-02-22">2017-02-22</time>' in html
    assert "Wie Sie mit E-Learning Ihre Zukunft gestalten" in html
    # the link to a Dutch-only page went through [tool.pipeline.links]
    assert re.search(r'<a href="/de/qualitaetspass/">', html)
