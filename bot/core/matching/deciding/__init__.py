"""Deciding what a ranking answers: the lookups the checks share (``entry_reading``), the checks that an entry
holds the detail asked (``lacking``), and the decision with its handovers between gaps and facts (``handovers``)."""
