"""The matcher's index and the sums a question's scores are made of.

``layout`` holds the index as plain typed arrays (the standard library's ``array``), so that a saved engine
loads and answers without importing numpy, whose import alone is a quarter of a one-off ``ask``. ``postings``
scores a question in plain Python, which on a knowledge base of a story's size is as fast as numpy (a question
reads a few hundred postings; numpy's cost per call outweighs its speed per item). ``postings_numpy`` makes the
same sums with numpy for a large index, where a question reads tens of thousands. Both give the same scores to
the last bit (``tests/core/matching/index/test_postings.py``).
"""

import os

# Scoring never multiplies matrices: OpenBLAS's pool of a thread per core only costs start-up (~40 ms of a
# one-off 'ask' on two cores). Set before numpy is first imported (to build an index, or score a large one);
# a value the user chose wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from bot.core.matching.index.layout import Index, Vocabulary
from bot.core.matching.index.postings import Asked, Hit, rank_entries, side_by_side

__all__ = ["Asked", "Hit", "Index", "Vocabulary", "rank_entries", "side_by_side"]
