"""Keeping the knowledge base and the bot's records on disk: validated, locked, atomic edits of the YAML
files (``store``), the entries someone gives it (``incoming``), why a change was refused (``errors``), what a
change did (``differences``), the moderators' form (``forms``), the SQLite journal of edits, unanswered
questions and feedback (``journal``, and ``pending``, its one cheap look), and the file primitives they rely on
(``files``, ``yamlwrite``)."""
