"""Localisation pipeline for Markdown posts: Dutch posts to gettext catalogs and back."""

__version__ = "0.1.0"
