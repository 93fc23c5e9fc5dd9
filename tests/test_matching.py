import pytest

from bot.services.matching import normalize, search_text
from bot.services.place_names import agreement, gazetteer
from bot.services.reranker import Scored, analyse, contradicts, decide


def test_diacritics_tone_placement_and_d_fold_alike() -> None:
    assert normalize("Hoà Bình") == normalize("Hòa Bình") == normalize("hoa binh")
    assert normalize("Đặc khu Vân Đồn") == ["dac", "khu", "van", "don"]


def test_teencode_is_expanded() -> None:
    assert normalize("ko dc j") == ["khong", "duoc", "gi"]
    assert normalize("ae oi ck tien vao tk") == [
        "anh", "em", "oi", "chong", "chuyen", "khoan", "tien", "vao", "tai", "khoan"
    ]  # fmt: skip
    assert normalize("wa fải") == ["qua", "phai"]


def test_capital_ca_means_police_but_ca_does_not() -> None:
    assert normalize("CA xã") == ["cong", "an", "xa"]
    assert normalize("cả nhà") == ["ca", "nha"]


def test_links_keep_their_host() -> None:
    words = normalize("bam vao https://www.ho-tro.com/nhan?x=1")
    assert words == ["bam", "vao", "ho", "tro", "com"]


def test_repeated_letters_are_squeezed() -> None:
    assert normalize("khônggggg") == ["khong"]


def test_a_known_abbreviation_is_read_before_its_repeated_letters_are_squeezed() -> None:
    assert normalize("Thẻ CCCD cũ") == normalize("thẻ căn cước công dân cũ")


def test_a_word_teencode_expands_to_is_not_respelled_where_the_claim_writes_it() -> None:
    assert normalize("bán trên fb") == normalize("bán trên Facebook")


def test_numbers_written_in_words_are_figures() -> None:
    assert normalize("trẻ dưới mười bốn tuổi") == normalize("trẻ dưới 14 tuổi")
    assert normalize("bão cấp mười tám") == normalize("bão cấp 18")
    assert normalize("tăng năm mươi phần trăm") == normalize("tăng 50%")
    assert normalize("năm triệu đồng") == normalize("5 triệu đồng")
    assert normalize("quá chục triệu") == normalize("quá 10 triệu")
    assert normalize("từ tháng bảy") == normalize("từ tháng 7")
    # Where the word is not a number, it stays.
    assert normalize("năm nay") == ["nam", "nay"]
    assert normalize("giá muối") == ["gia", "muoi"]
    assert normalize("sau khi ăn") == ["sau", "khi", "an"]
    assert normalize("tháng sau") == ["thang", "sau"]


def test_years_written_in_words_are_years() -> None:
    assert normalize("năm hai nghìn không trăm hai sáu") == normalize("năm 2026")
    assert normalize("hai nghìn không trăm hai mươi lăm") == normalize("2025")


def test_thousands_written_with_dots_are_thousands() -> None:
    assert normalize("500.000 đồng") == normalize("500k đồng") == normalize("nửa triệu đồng")
    assert normalize("2.000.000 đồng") == normalize("2 triệu đồng")


def test_numbers_lose_leading_zeros_but_not_their_zeros() -> None:
    assert normalize("06/10/2025 1000") == ["6", "10", "2025", "1000"]


def test_search_text_covers_claim_and_tags() -> None:
    assert search_text("Tin giả", "lừa đảo") == "tin gia lua dao"


def test_direct_answer_needs_a_high_score_and_a_clear_lead() -> None:
    assert decide([Scored(1, 0.99), Scored(2, 0.1)]).direct == Scored(1, 0.99)
    assert decide([Scored(1, 0.99), Scored(2, 0.9)]).direct is None
    assert decide([Scored(1, 0.6)]).direct is None


def test_a_clear_lead_without_certainty_is_suggested() -> None:
    decision = decide([Scored(1, 0.7), Scored(2, 0.3)])
    assert decision.direct is None
    assert decision.suggested == Scored(1, 0.7)
    assert decide([Scored(1, 0.7), Scored(2, 0.65)]).suggested is None


def test_weak_candidates_are_not_shown() -> None:
    decision = decide([Scored(1, 0.5), Scored(2, 0.01), Scored(3, 0.45), Scored(4, 0.35)])
    assert [s.id for s in decision.candidates] == [1, 3, 4]
    assert decide([Scored(1, 0.01)]).candidates == ()


def test_a_place_conflict_is_listed_but_never_answered_or_suggested() -> None:
    decision = decide([Scored(1, 0.99, conflict=True), Scored(2, 0.01)])
    assert decision.direct is None and decision.suggested is None
    assert [s.id for s in decision.candidates] == [1]


def test_a_contradicted_claim_is_suggested_but_never_answered() -> None:
    decision = decide([Scored(1, 0.99, contradicted=True), Scored(2, 0.01)])
    assert decision.direct is None
    assert decision.suggested is not None and decision.suggested.id == 1


def _contradicts(message: str, claim: str) -> bool:
    return contradicts(analyse(message, (22,)), analyse(claim, (22,)))


def test_another_number_in_the_same_place_contradicts_the_claim() -> None:
    claim = "Cấm tàu ra Cô Tô từ 12h ngày 20/7/2025 để phòng chống bão số 3"
    assert _contradicts("Cấm tàu ra Cô Tô do bão số 4 đúng không?", claim)
    assert _contradicts("Cấm tàu ra Cô Tô ngày 25/7 hả", claim)
    assert not _contradicts("Cấm tàu ra Cô Tô ngày 20/7 vì bão số 3 hả", claim)
    assert not _contradicts("cấm tàu cô tô từ 12h hôm nay, bão 3 mạnh lắm", claim)
    fine = "Lái xe máy dùng điện thoại bị phạt từ 800.000 đến 1 triệu đồng"
    assert _contradicts("Lái xe dùng điện thoại bị phạt 4 đến 6 triệu à", fine)
    assert not _contradicts("dùng đt khi lái xe bị phạt tới 1 triệu à", fine)


def test_asking_how_to_do_what_a_claim_puts_a_figure_on_contradicts_it() -> None:
    fine = "Không đăng ký tạm trú sẽ bị phạt 10 triệu đồng"
    assert _contradicts("đăng ký tạm trú làm ở đâu, không đăng ký có bị phạt không", fine)
    assert not _contradicts("không đăng ký tạm trú bị phạt 10 triệu ở đâu ra vậy", fine)
    assert not _contradicts("không đăng ký tạm trú là bị phạt nặng lắm hả", fine)
    scam = "Người lạ chuyển nhầm tiền vào tài khoản rồi gọi điện đòi chuyển trả"
    assert not _contradicts("người lạ chuyển nhầm tiền rồi đòi lại thì làm thế nào ạ", scam)


def test_the_sender_of_a_mistaken_transfer_is_not_the_stranger_of_the_claim() -> None:
    claim = "Người lạ chuyển nhầm tiền vào tài khoản rồi gọi điện đòi người nhận chuyển trả"
    assert _contradicts("e lỡ tay chuyển nhầm 2 triệu cho người khác, lấy lại thế nào", claim)
    assert not _contradicts("có người lạ chuyển nhầm 5tr vào tk e rồi gọi đòi", claim)


def test_another_bank_operation_or_channel_contradicts_the_claim() -> None:
    transfer = "Chuyển khoản trên 10 triệu đồng một lần phải xác thực khuôn mặt"
    assert _contradicts("Rút tiền mặt trên 10 triệu ở cây ATM có phải quét mặt không", transfer)
    assert not _contradicts("chuyển tiền trên 10 triệu phải quét mặt hả", transfer)
    link = "Công an xã gửi đường link để người dân tải ứng dụng VNeID lên mức 2"
    assert _contradicts("lên mức 2 thì ra công an xã làm hay tự làm trên VNeID", link)
    assert not _contradicts("công an xã gửi link tải vneid lên mức 2 à", link)


# (what is told apart, the claim, a message naming another thing in its slot, a message about it)
SLOTS = [
    (
        "the licence fee is not the flat-rate tax",
        "Từ ngày 1/1/2026 bỏ hình thức thuế khoán, hộ kinh doanh chuyển sang tự kê khai",
        "Nghe nói từ 2026 bỏ luôn lệ phí môn bài cho hộ kinh doanh à",
        "từ 2026 bỏ thuế khoán cho hộ kinh doanh hả",
    ),
    (
        "paying on delivery is not paying the fee before it",
        "Shipper gọi điện báo có đơn hàng, yêu cầu chuyển khoản trước 30.000 đồng phí giao hàng",
        "Em đặt hàng thanh toán khi nhận hàng, shipper thu tiền hàng cộng phí ship 30 nghìn",
        "shipper gọi bắt chuyển khoản trước 30k phí ship mới giao",
    ),
    (
        "lifting a ban is not the ban",
        "Dừng toàn bộ tàu khách ra đảo Cô Tô và cấm tàu thuyền ra khơi để phòng chống bão số 3",
        "Lệnh cấm biển phòng bão số 3 dỡ bỏ chưa, tàu ra Cô Tô chạy lại chưa",
        "cấm tàu ra cô tô vì bão số 3 hả",
    ),
    (
        "a child aged fourteen is not under fourteen",
        "Trẻ em dưới 14 tuổi được cấp thẻ căn cước khi cha mẹ có nhu cầu, không bắt buộc",
        "Con em tròn 14 tuổi rồi, có bắt buộc phải đi làm căn cước không",
        "trẻ dưới 14 tuổi làm căn cước có bắt buộc không",
    ),
    (
        "a fare cut is not a fare rise",
        "Giá vé tàu cao tốc Cái Rồng – Cô Tô tăng gấp đôi từ tháng 6/2026",
        "Người có hộ khẩu Cô Tô đi tàu có được giảm giá vé không ạ",
        "vé tàu cô tô tăng gấp đôi hả",
    ),
    (
        "asking for a permit is not the kidnapping claim",
        "Nhóm người giả bán đồ chơi, bóng bay đi xe máy dụ bắt cóc trẻ em ở Tiên Yên",
        "Bán đồ chơi, bóng bay rong ở Tiên Yên có phải xin giấy phép gì không",
        "có nhóm giả bán bóng bay bắt cóc trẻ ở tiên yên à",
    ),
]


@pytest.mark.parametrize(
    ("claim", "other", "same"), [s[1:] for s in SLOTS], ids=[s[0] for s in SLOTS]
)
def test_another_thing_in_a_claims_slot_contradicts_it(claim: str, other: str, same: str) -> None:
    assert _contradicts(other, claim)
    assert not _contradicts(same, claim)


def test_dates_compare_by_their_parts() -> None:
    claim = "Quảng Ninh áp dụng bảng giá đất mới từ ngày 1/1/2026"
    assert _contradicts("bảng giá đất mới từ 1/7/2025 phải không", claim)
    assert not _contradicts("bảng giá đất mới áp dụng từ 01/01/2026 hả", claim)
    assert not _contradicts("thứ 2 1/1 có bảng giá đất mới à", claim)


def test_places_that_never_meet_on_both_sides_contradict_the_claim() -> None:
    claim = "Cao tốc Hạ Long – Vân Đồn đóng cửa hoàn toàn một tuần để sửa chữa"
    assert _contradicts("Cao tốc Vân Đồn – Móng Cái đóng cửa 1 tuần hả", claim)
    assert not _contradicts("cao tốc Vân Đồn đóng 1 tuần à", claim)
    assert not _contradicts("Cao tốc Hạ Long Vân Đồn đóng cửa cả tuần thật ko", claim)


def test_another_thing_in_the_same_slot_contradicts_the_claim() -> None:
    water = "Giá nước sinh hoạt tăng gấp đôi từ tháng sau"
    assert _contradicts("Giá điện sinh hoạt tăng gấp đôi từ tháng sau hả", water)
    assert not _contradicts("nước sạch tăng giá gấp đôi à mn", water)
    # Naming both is not naming another: the message may be about either.
    assert not _contradicts("giá điện với giá nước đều tăng gấp đôi à", water)
    licence = "Phải tích hợp giấy phép lái xe vào VNeID trước cuối năm"
    assert _contradicts("Phải tích hợp thẻ BHYT vào VNeID trước cuối năm à", licence)
    assert not _contradicts("bằng lái phải tích hợp vneid trước cuối năm hả", licence)
    stream = "Ba em nhỏ đuối nước khi tắm suối"
    assert _contradicts("ba em nhỏ đuối nước khi tắm sông", stream)
    # A claim that names nothing of a class is not contradicted by a message that does.
    assert not _contradicts("ba em nhỏ đuối nước ở suối", "Ba em nhỏ đuối nước")


def test_the_last_place_goes_to_the_best_by_plain_word_search() -> None:
    decision = decide(
        [
            Scored(1, 0.9, words=1.0),
            Scored(2, 0.5, words=2.0),
            Scored(3, 0.4, words=0.5),
            Scored(4, 0.01, words=5.0),
        ]
    )
    assert [s.id for s in decision.candidates] == [1, 2, 4]
    assert decide([Scored(1, 0.01, words=5.0)]).candidates == ()


def test_two_communes_of_one_old_district_are_different_places() -> None:
    places = gazetteer((22,))

    def named(text: str) -> frozenset[str]:
        return places.mentions(normalize(text))

    assert agreement(named("Bãi Cháy"), named("Tuần Châu")) == -1
    assert agreement(named("Cái Rồng"), named("Vân Đồn")) == 1
    assert agreement(named("Hạ Long"), named("Tuần Châu")) == 1


def test_a_name_after_xa_is_the_current_commune_not_the_old_district() -> None:
    places = gazetteer((22,))

    def named(text: str) -> frozenset[str]:
        return places.mentions(normalize(text))

    # The old district of Tiên Yên and the old district of Bình Liêu share a commune today; the
    # commune of Bình Liêu is not in Tiên Yên.
    assert agreement(named("Tiên Yên"), named("Bình Liêu")) == 1
    assert agreement(named("Tiên Yên"), named("xã Bình Liêu")) == -1
    assert agreement(named("Bình Liêu"), named("xã Bình Liêu")) == 1
    claim = "Xã Bình Liêu chi trả tiền hỗ trợ bão số 11 tại trụ sở xã"
    assert _contradicts("Tiên Yên có chi trả hỗ trợ bão số 11 chưa, nhà em ở Đông Ngũ", claim)
