"""Discord's size limits, and clipping text to them at a word boundary with an ellipsis."""

from __future__ import annotations

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
EMBED_TOTAL = 6000
EMBED_FIELDS = 25
CHOICES = 25
CHOICE_NAME = 100
BUTTON_LABEL = 80
CUSTOM_ID = 100
MODAL_TITLE = 45
INPUT_LABEL = 45
INPUT_VALUE = 4000
ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when there is one, ending in "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if not text[len(cut)].isspace() and space > limit // 2:
        cut = cut[:space]  # don't end in the middle of a word
    return cut.rstrip() + ELLIPSIS
