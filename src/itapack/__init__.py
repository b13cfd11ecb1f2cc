"""itapack: evidence packs for a Thai province's ITA drive."""

__version__ = "0.1.0"
