"""Keeping the knowledge base and the bot's records on disk: validated, locked, atomic edits of the YAML
files (``store``), the SQLite journal of edits, unanswered questions and feedback (``journal``), and the
file primitives both rely on (``files``)."""
