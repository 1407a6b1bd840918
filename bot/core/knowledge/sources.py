"""Which files a knowledge base is made of, and fingerprints of them: no YAML, no checks.

Apart from ``loading`` so that a cached engine can be found (and the folder watched) without
importing the YAML reader and the checks, which only a rebuild needs.
"""

from __future__ import annotations

from pathlib import Path

ARTICLE_FILE = "article.txt"
YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


def fingerprint(directory: str | Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the knowledge files: changes when any file does."""
    directory = Path(directory)
    found = []
    try:
        paths = [p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES or p.name == ARTICLE_FILE]
    except OSError:
        return ()
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def source_digest(directory: str | Path) -> str | None:
    """A hash of the article and every YAML file, to know when a saved index is still good."""
    import hashlib

    directory = Path(directory)
    digest = hashlib.sha256()
    try:
        for name in [ARTICLE_FILE, *yaml_files(directory)]:
            if links_outside(directory, name):
                return None  # never cached: a saved engine would answer from it without the load refusing it
            digest.update(name.encode() + b"\0" + (directory / name).read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def links_outside(directory: Path, name: str) -> bool:
    """Whether a knowledge file is a link to somewhere outside its folder (never read: see the README).

    Links within the folder are fine (a Kubernetes ConfigMap mounts each file as one)."""
    path = directory / name
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(directory.resolve(strict=True))
    except (OSError, RuntimeError):
        return True
