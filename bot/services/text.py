"""Vietnamese text folding, shared by every search (communes, reports, rumors)."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, drop diacritics (đ → d too), turn punctuation into spaces, squeeze spaces.

    "Đặc khu Vân Đồn" → "dac khu van don"; "Hoà" and "Hòa" both → "hoa".
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    bare = bare.replace("đ", "d").replace("ð", "d")
    return " ".join(_NON_WORD.sub(" ", bare).replace("_", " ").split())
