"""Child processes that take Ctrl-C as they would at a terminal, however the test run itself was started."""

from __future__ import annotations

import signal


def ctrl_c_as_at_a_terminal() -> None:
    """A `preexec_fn` that gives the child SIGINT's default action back. A shell starts a background job
    (`.ci/run &`, a CI runner's script) with SIGINT ignored, children inherit that, and Python then installs no
    KeyboardInterrupt handler; the bot rightly keeps such a signal ignored, so a test of Ctrl-C would see nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
