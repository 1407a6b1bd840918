"""Ship the story inside the wheel, mapped from the top-level files (no second copy in the repository).

Everything else about the build is in pyproject.toml. A wheel's ``bot/shipped/`` holds ``knowledge/``
(the article and its YAML: the default knowledge base) and ``.env.example`` (what ``init`` starts a
``.env`` from); ``bot.config.shipped_path`` finds them there, or at the top level in a checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {"knowledge": ("*.txt", "*.yaml"), ".env.example": ()}


class BuildWithStory(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the top-level files where they are
            return
        target = Path(self.build_lib) / "bot" / "shipped"
        for name, patterns in SHIPPED.items():
            source = ROOT / name
            if source.is_dir():
                (target / name).mkdir(parents=True, exist_ok=True)
                for pattern in patterns:
                    for path in sorted(source.glob(pattern)):
                        shutil.copy2(path, target / name / path.name)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithStory})
