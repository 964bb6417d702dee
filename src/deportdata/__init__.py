"""deportdata: news reports on US deportations to Cambodia, coded into checked tables."""

__version__ = "0.2.0"
