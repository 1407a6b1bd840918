"""Storybot: answers questions about one news story, citing the article line by line."""

__version__ = "0.1.0"
