"""The links of the realistic test site (tests/fixtures/sites/sectioned/) by form, and the
broken ones, German and Dutch, as the code of this work tree makes them: the figures of
issue 12's closing note.

    .venv/bin/python bench/site_links.py

Each variant is copied to a temporary folder, extracted, pseudo-translated and merged with
the real command line, built with Hugo (/usr/bin/hugo) and its public/ crawled
(tests/site_crawl.py); tests/test_site_links.py asserts what this prints. A link "wrong" in
German leads nowhere (no page or file, no #anchor) or to the Dutch page though the German
one exists.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from sectioned_site import PARTIAL, ROOT_BASE_URL, build, report  # noqa: E402

VARIANTS = {
    "baseURL with a path": {},
    "baseURL without a path": {"base_url": ROOT_BASE_URL},
    "partial merge": {"partial": PARTIAL},
}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="site-links-") as tmp:
        for number, (name, arguments) in enumerate(VARIANTS.items()):
            site = build(Path(tmp) / str(number), **arguments)  # type: ignore[arg-type]
            print(report(name, site))
            print()


if __name__ == "__main__":
    main()
