"""Files to clean text with a page map: the first stage of the pipeline."""

from .text import SourceText, read_source

__all__ = ["SourceText", "read_source"]
