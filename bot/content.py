"""Where the data files live: bundled inside the package when installed from a wheel, or the
repository's own content/ folder when running from a checkout."""

from functools import cache
from pathlib import Path


@cache
def content_dir() -> Path:
    bundled = Path(__file__).parent / "content"
    if bundled.is_dir():
        return bundled
    return Path(__file__).parent.parent / "content"
