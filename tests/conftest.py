"""Hypothesis profiles: ``ci`` is derandomised (the same examples on every run, so CI never
fails on a random draw it cannot show again); ``fuzz`` runs long (see README, Reliability).

Pick one with ``HYPOTHESIS_PROFILE=fuzz``; CI (``CI=true``) uses ``ci``; a developer's
default is random, as Hypothesis intends, to find new failures.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """The figures of the reliability suite (kill points, sequences, bad inputs, …), if it ran."""
    import sys

    support = sys.modules.get("reliability_support")
    figures = getattr(support, "FIGURES", None)
    if not figures:
        return
    terminalreporter.section("reliability figures")
    for name, value in figures.items():
        terminalreporter.write_line(f"{name}: {value}")
    if getattr(config, "cache", None) is not None:
        config.cache.set("reliability/figures", figures)


# The suite's own check runs append no job summary to the CI job running the suite (README,
# check: the job summary): every test that wants one sets GITHUB_STEP_SUMMARY itself.
os.environ.pop("GITHUB_STEP_SUMMARY", None)
