"""Reader: a local-first app for reading, searching and annotating saved articles."""

__version__ = "0.1.0"
