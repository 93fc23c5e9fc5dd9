from bot.handlers.limits import fit, link, pieces, shown_length
from bot.i18n import Html, escape


def test_shown_length_counts_what_telegram_shows_in_utf16_units() -> None:
    assert shown_length("<b>a &amp; b</b>\n<i>é</i>") == len("a & b\né")
    assert shown_length("🚨 x") == 4  # the emoji is two UTF-16 code units


def test_fit_cuts_the_free_text_never_the_frame() -> None:
    def render(text: str) -> Html:
        return Html(f"<b>Tiêu đề</b>\n{escape(text)}")

    fitted = fit(render, "a & b " * 1000, 100)
    assert shown_length(fitted) <= 100
    assert fitted.startswith("<b>Tiêu đề</b>\na &amp; b") and fitted.endswith("…")
    assert fit(render, "ngắn", 100) == render("ngắn")


def test_a_web_address_is_a_link_labelled_with_its_host() -> None:
    long = "https://www.congan.gov.vn/" + "tin-tuc/" * 60
    assert link(long) == f'<a href="{long}">congan.gov.vn</a>'
    assert link("Bộ Công an <2024>") == "Bộ Công an &lt;2024&gt;"
    assert shown_length(link("x" * 500)) == 60


def test_pieces_keep_every_character_and_cut_between_words() -> None:
    text = "Biển 14B1-234, xe Wave đỏ. " * 400
    found = pieces(text, 3500)
    assert "".join(found) == text
    assert all(len(piece) <= 3500 for piece in found) and len(found) == 4
    assert all(piece.endswith(" ") for piece in found[:-1])
    assert pieces("x" * 7001, 3500) == ["x" * 3500, "x" * 3500, "x"]
    assert pieces("", 10) == [""]
