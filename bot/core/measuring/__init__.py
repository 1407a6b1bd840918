"""Measuring the engine: answer quality on question sets (``evaluation``, ``python -m bot eval``) and
speed against baselines (``benchmark``, ``python -m bot bench``)."""
