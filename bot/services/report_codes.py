"""Small pure rules of reports: tracking codes, "same text" fingerprints, and whether a location
pin lies inside the served area."""

import hashlib
import secrets

from bot.services.text import fold

# No 0/O, 1/I/L, U/V: a code read aloud over the phone or copied by hand stays the same code.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 8


def new_code() -> str:
    """A tracking code that cannot be guessed or enumerated: 29^8 ≈ 5·10^11 random values."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return "".join(text.split()).upper()


def text_digest(text: str) -> str:
    """The same report typed twice — with or without accents, punctuation or extra spaces —
    has the same digest."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


# Generous bounding boxes (south, north, west, east). A pin outside is still accepted, only
# flagged for the moderators, so erring wide costs nothing. Provinces without their own box use
# Vietnam's, which includes the coastal waters but not the offshore archipelagos.
VIETNAM_BOX = (8.0, 23.5, 102.0, 110.0)
PROVINCE_BOXES: dict[int, tuple[float, float, float, float]] = {
    22: (20.6, 21.7, 106.4, 108.1),  # Quảng Ninh, Vân Đồn and Cô Tô islands included
}


def outside_served_area(latitude: float, longitude: float, provinces: list[int]) -> bool:
    for province in provinces:
        south, north, west, east = PROVINCE_BOXES.get(province, VIETNAM_BOX)
        if south <= latitude <= north and west <= longitude <= east:
            return False
    return True
