"""The pure core: knowledge base, matching, answers, storage. Nothing here imports discord."""
