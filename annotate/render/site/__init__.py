"""The static corpus site (``annotate site``): see :mod:`.build` for what it writes."""

from .build import SiteResult, build_site

__all__ = ["SiteResult", "build_site"]
