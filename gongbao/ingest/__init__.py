"""Files to clean text with a page map: the first stage of the pipeline."""

from ..models import SourceText
from .text import read_source

__all__ = ["SourceText", "read_source"]
