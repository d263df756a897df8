"""Localisation pipeline for Markdown posts: Dutch posts to gettext catalogs and back.

The public API is :mod:`pipeline.api`: ``from pipeline import api``, then
``api.extract(root)``, ``api.merge(root)``, ``api.check(root)``, ``api.template_of(text)``.
(Not re-exported here: ``pipeline.extract``, ``pipeline.merge`` and ``pipeline.check`` are the
commands' modules, and importing one would replace a function of that name in this package.)
"""

__version__ = "0.1.0"
