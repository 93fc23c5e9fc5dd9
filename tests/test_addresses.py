"""Telling an address from a description typed at the report's "where" step."""

import pytest

from bot.services.addresses import looks_like_description


@pytest.mark.parametrize(
    "text",
    [
        "Ngõ 3 gần chợ Cái Rồng",
        "thon 2 xa ba che",
        "Đối diện cây xăng Cái Rồng",
        "Km 12 quốc lộ 18",
        "truong tieu hoc",
        "near the market",
    ],
)
def test_places_are_addresses(text: str) -> None:
    assert not looks_like_description(text)


@pytest.mark.parametrize(
    "text",
    [
        "Có hai thanh niên lạ mặt đi xe máy không biển số, đang dò hỏi nhà nào vắng chủ.",
        "mất trộm con chó tối qua",
        "Họ đánh nhau rất to",
        "someone stole my motorbike",
    ],
)
def test_descriptions_are_asked_about(text: str) -> None:
    assert looks_like_description(text)
