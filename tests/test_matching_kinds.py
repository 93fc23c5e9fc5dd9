"""Messages of each kind that the first matcher failed — the claim said with other common
words, teencode mixed with missing diacritics, a place named the way locals say it, a short
question with most of the claim left out — get the right fact-check, directly or first, from a
library that also holds same-topic distractors and filler. Claims and messages here are written
for these tests, not taken from the benchmark."""

from pathlib import Path

import pytest

from bench.filler import generate
from bot.services.communes import CommuneDirectory
from bot.services.content_files import ContentFiles
from bot.services.factchecks import FactChecks, MatchResult
from bot.storage.db import Database

LIBRARY = """
factchecks:
  - id: ca-van-don-chuyen-tien
    claim: >-
      Công an đặc khu Vân Đồn gọi điện yêu cầu người dân chuyển tiền vào tài khoản để phục vụ
      điều tra
    verdict: false
    explanation: Công an không yêu cầu chuyển tiền qua điện thoại.
    scope: province:22
    published: 2025-10-01
  - id: ca-mong-cai-chuyen-tien
    claim: Công an Móng Cái gọi điện yêu cầu người dân chuyển tiền vào tài khoản để phục vụ điều tra
    verdict: false
    explanation: Công an không yêu cầu chuyển tiền qua điện thoại.
    scope: province:22
    published: 2025-10-01
  - id: ngan-hang-khoa-tai-khoan
    claim: Ngân hàng nhắn tin báo tài khoản bị khóa, yêu cầu bấm vào đường link để mở khóa
    verdict: false
    explanation: Ngân hàng không gửi đường link mở khóa qua tin nhắn.
    scope: province:22
    published: 2025-10-01
  - id: ngan-hang-phi-duy-tri
    claim: Ngân hàng thu phí duy trì tài khoản 50.000 đồng mỗi tháng từ năm sau
    verdict: misleading
    explanation: Mỗi ngân hàng có biểu phí riêng, không có quy định chung như vậy.
    scope: province:22
    published: 2025-10-01
  - id: duoi-nuoc-ho-yen-lap
    claim: Ba học sinh chết đuối ở hồ Yên Lập chiều chủ nhật
    verdict: false
    explanation: Không có vụ việc nào như vậy.
    scope: province:22
    published: 2025-10-01
  - id: duoi-nuoc-bai-chay
    claim: Du khách đuối nước khi tắm biển ở Bãi Cháy do sóng lớn
    verdict: true
    explanation: Lực lượng cứu hộ đã đưa du khách vào bờ.
    scope: province:22
    published: 2025-10-01
  - id: xe-khong-chinh-chu
    claim: Xe máy không sang tên chính chủ bị phạt 4 triệu đồng từ năm 2026
    verdict: misleading
    explanation: Chỉ bị phạt khi chuyển nhượng mà không làm thủ tục đăng ký sang tên.
    scope: province:22
    published: 2025-10-01
  - id: gia-nuoc-tang
    claim: Giá nước sạch tăng 40% từ tháng 7 năm nay
    verdict: false
    explanation: Đơn vị cấp nước chưa có phương án tăng giá nào.
    scope: province:22
    published: 2025-10-01
  - id: xe-khong-bien-so
    claim: Xe máy không gắn biển số bị phạt và tịch thu xe
    verdict: true
    explanation: Đúng, theo quy định xử phạt giao thông.
    scope: province:22
    published: 2025-10-01
"""


@pytest.fixture
async def factchecks(db: Database, tmp_path: Path) -> FactChecks:
    filler = "\n".join(
        f"  - {{id: {key}, claim: '{claim}', verdict: false, explanation: x, "
        "scope: 'province:22', published: 2025-01-01}"
        for key, claim in generate(300)
    )
    path = tmp_path / "library.yaml"
    path.write_text(LIBRARY + filler + "\n", encoding="utf-8")
    directory = CommuneDirectory([22])
    report = await ContentFiles(db, directory).import_file(path)
    assert report.errors == []
    return FactChecks(db, directory)


def _first(result: MatchResult) -> str | None:
    direct = result.direct.factcheck.key if result.direct else None
    first = result.candidates[0].factcheck.key if result.candidates else None
    assert direct in (None, first)
    return first


async def test_claim_said_with_other_common_words(factchecks: FactChecks) -> None:
    result = await factchecks.match("cảnh sát ở Vân Đồn gọi bắt gửi tiền vô tài khoản để điều tra")
    assert _first(result) == "ca-van-don-chuyen-tien"
    drowned = await factchecks.match("3 em học sinh bị đuối nước ở hồ Yên Lập hả")
    assert _first(drowned) == "duoi-nuoc-ho-yen-lap"


async def test_teencode_mixed_with_missing_diacritics(factchecks: FactChecks) -> None:
    result = await factchecks.match("mn oi NH nhan tin bao khoa tk, bam link mo khoa, co sao k")
    assert _first(result) == "ngan-hang-khoa-tai-khoan"


async def test_place_named_the_way_locals_say_it(factchecks: FactChecks) -> None:
    # Cái Rồng is the old town at the heart of Vân Đồn.
    result = await factchecks.match("ở Cái Rồng có người xưng CA gọi bắt ck tiền để điều tra")
    assert _first(result) == "ca-van-don-chuyen-tien"


async def test_a_claim_about_one_place_does_not_answer_another(factchecks: FactChecks) -> None:
    result = await factchecks.match("công an Móng Cái gọi điện bắt chuyển tiền để điều tra")
    assert _first(result) == "ca-mong-cai-chuyen-tien"


async def test_short_question_with_most_of_the_claim_left_out(factchecks: FactChecks) -> None:
    result = await factchecks.match("xe không chính chủ phạt mấy triệu vậy")
    assert _first(result) == "xe-khong-chinh-chu"


async def test_a_claim_naming_another_thing_in_its_place_is_listed_not_answered(
    factchecks: FactChecks,
) -> None:
    water = await factchecks.match("giá nước sạch tăng 40% từ tháng 7 à mọi người")
    assert water.direct is not None and water.direct.factcheck.key == "gia-nuoc-tang"
    # Electricity is another thing in the place of the claim's water.
    power = await factchecks.match("giá điện tăng 40% từ tháng 7 à mọi người")
    assert power.direct is None
    assert _first(power) == "gia-nuoc-tang"


async def test_a_claim_another_process_published_is_found_by_its_new_words(
    factchecks: FactChecks, tmp_path: Path
) -> None:
    await factchecks.match("công an gọi điện bắt chuyển tiền")
    path = tmp_path / "new.yaml"
    path.write_text(
        "factchecks:\n"
        "  - id: muc-kho-formol\n"
        "    claim: Mực khô bày bán ở chợ bị ướp formol\n"
        "    verdict: false\n"
        "    explanation: Kiểm tra không phát hiện formol.\n"
        "    scope: province:22\n"
        "    published: 2025-10-01\n",
        encoding="utf-8",
    )
    other = Database(factchecks.db.url)
    try:
        report = await ContentFiles(other, factchecks.directory).import_file(path)
    finally:
        await other.dispose()
    assert report.created == 1
    assert _first(await factchecks.match("mực khô ướp formol có thật ko")) == "muc-kho-formol"
