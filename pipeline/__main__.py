"""``python -m pipeline`` and the ``pipeline`` script: Ctrl-C and SIGTERM are handled from the
first moment (importing the command line takes a while), not only once it runs."""

from __future__ import annotations

import sys

from pipeline.interrupt import MESSAGE, Interrupted, handled


def run() -> None:
    with handled(ending=True):
        try:
            from pipeline.cli import main
        except Interrupted as exc:
            sys.stderr.write(MESSAGE + "\n")
            sys.exit(exc.exit_code)
        main()


if __name__ == "__main__":
    run()
