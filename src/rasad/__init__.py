"""rasad: Persian news to structured, searchable knowledge."""

__version__ = "0.1.0"
