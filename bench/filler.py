"""Generated filler claims that pad the benchmark library to 10,000 entries. They are made from
the same vocabulary as real rumors (công an, tiền, link, điện, nước, trẻ em, bão, lừa đảo …) so the
index and the re-ranker have to tell near neighbours apart, not just find the only match."""

import random
from collections.abc import Iterator

PLACES = """Hạ Long, Cẩm Phả, Uông Bí, Móng Cái, Đông Triều, Quảng Yên, Vân Đồn, Cô Tô, Ba Chẽ,
Bình Liêu, Tiên Yên, Đầm Hà, Hải Hà, Hoành Bồ, Bãi Cháy, Hòn Gai, Cửa Ông, Mông Dương, Quang Hanh,
Yên Tử, Hà Tu, Hà Lầm, Cao Xanh, Giếng Đáy, Hùng Thắng, Tuần Châu, Việt Hưng, Đại Yên, Quan Lạn,
Minh Châu, Thắng Lợi, Ngọc Vừng, Bản Sen, Đồng Rui, Đông Ngũ, Hải Lạng, Đường Hoa, Quảng Hà,
Lục Hồn, Húc Động, Đồng Văn, Hoành Mô, Thanh Lâm, Đạp Thanh, Lương Minh, Kỳ Thượng, Bằng Cả,
thôn 1, thôn 2, thôn 3, thôn 4, thôn 5, khu 6, khu 7, tổ 8, tổ 9, bản Khe Tăm""".replace(
    "\n", " "
).split(", ")

ORGS = """Công an xã, Ủy ban nhân dân, Trạm y tế, Điện lực, Trường tiểu học, Trường mầm non,
Hội nông dân, Đoàn thanh niên, Ban quản lý chợ, Công ty cấp nước, Hội phụ nữ, Hội cựu chiến binh,
Ngân hàng chính sách, Bưu điện, Chi cục thuế, Bảo hiểm xã hội, Đội cảnh sát giao thông,
Ban chỉ huy quân sự, Phòng văn hóa, Hợp tác xã, Nhà văn hóa, Tổ an ninh, Tổ hòa giải""".replace(
    "\n", " "
).split(", ")

EVENTS = """lịch tiếp dân, lịch cắt điện, lịch tiêm chủng, đợt phát gạo cứu trợ, buổi tập huấn phòng
cháy, đợt kiểm tra vệ sinh thực phẩm, lớp học nghề miễn phí, giải bóng đá thiếu niên, đợt thu
thuế đất, chương trình hiến máu, ngày hội việc làm, đợt khám sức khỏe cho người già, hội chợ nông
sản, đợt ra quân dọn rác, buổi đối thoại với người dân, lễ kỷ niệm thành lập, chiến dịch tiêm
phòng dại, đợt cấp đổi thẻ bảo hiểm y tế, buổi tuyên truyền an toàn giao thông, đợt kiểm tra
nồng độ cồn""".replace("\n", " ").split(", ")

TIMES = """sáng thứ hai, chiều thứ ba, tối thứ tư, sáng thứ năm, chiều thứ sáu, cuối tuần này,
đầu tháng sau, ngày mai, tuần sau, cuối tháng, dịp Tết, mùa hè này, đầu năm học""".replace(
    "\n", " "
).split(", ")

ITEMS = """giá cá, giá rau, giá thịt lợn, giá gạo, giá xăng, giá vé tàu, giá nhà đất, giá thuê
phòng trọ, tiền nước, cước điện thoại, học phí mầm non, giá phân bón, giá hải sản, giá than,
giá vé xe buýt, phí gửi xe, giá sữa, giá vật liệu xây dựng""".replace("\n", " ").split(", ")

CHANGES = """tăng mạnh, giảm nhẹ, tăng gấp ba, giảm một nửa, tăng 20 phần trăm, giữ nguyên,
tăng 5 nghìn đồng, giảm 10 phần trăm, tăng đột biến, giảm sâu""".replace("\n", " ").split(", ")

PEOPLE = """Người dân, Ngư dân, Học sinh, Thanh niên, Cụ ông, Cụ bà, Tài xế xe tải, Chủ quán,
Du khách, Công nhân mỏ, Nông dân, Tiểu thương, Cán bộ thôn, Nhóm thiếu niên, Người lạ mặt,
Phụ huynh, Bác sĩ, Giáo viên""".replace("\n", " ").split(", ")

ACTIONS = """nhặt được ví tiền và trả lại người mất, cứu người đuối nước, phát hiện cháy rừng,
bắt được trăn lớn, tìm thấy cổ vật, dựng nhà tạm trái phép, đánh bắt cá bằng kích điện, lấn
chiếm vỉa hè, đổ trộm rác thải, tổ chức đánh bạc, vận chuyển gỗ lậu, mua bán pháo nổ, đua xe
trái phép, nuôi ong lấy mật, trồng rau sạch, mở lớp dạy bơi, quyên góp sách vở, sửa đường
liên thôn, trộm gà, chặt cây ven đường, bán hàng rong, câu trộm cá""".replace("\n", " ").split(", ")

DISEASES = """sốt xuất huyết, cúm mùa, tay chân miệng, đau mắt đỏ, thủy đậu, lở mồm long móng,
cúm gia cầm, bệnh dại, sởi, ho gà, tiêu chảy cấp, viêm não""".replace("\n", " ").split(", ")

ADVICE = """người dân nên đi khám sớm, trường học tạm nghỉ, cần tiêu hủy gia cầm, phải phun thuốc
diệt muỗi, không nên đến nơi đông người, cần tiêm phòng ngay, phải đeo khẩu trang, không ăn
thịt sống""".replace("\n", " ").split(", ")

WEATHER = """mưa lớn, gió mạnh, sương muối, nắng nóng, triều cường, sạt lở đất, rét đậm, lốc
xoáy, mưa đá, ngập úng""".replace("\n", " ").split(", ")

DAMAGE = """tốc mái nhà, đổ cây, mất điện diện rộng, chìm tàu cá, hỏng hoa màu, ngập đường,
sập cầu tạm, chết gia súc, tắc đường, lở núi""".replace("\n", " ").split(", ")

SCAMMERS = """Kẻ gian, Đối tượng lạ, Nhóm lừa đảo, Tài khoản mạng xã hội, Người tự xưng,
Trang web giả""".replace("\n", " ").split(", ")

DISGUISES = """nhân viên ngân hàng, cán bộ thuế, nhân viên bưu điện, người của tòa án, nhân viên
nhà mạng, cán bộ bảo hiểm, giáo viên chủ nhiệm, nhân viên giao hàng, bác sĩ bệnh viện, cán bộ
địa chính""".replace("\n", " ").split(", ")

SCAMS = """lấy mã OTP, mời mua đất nền giá rẻ, đòi tiền phí hồ sơ, bán bảo hiểm giả, nhận đặt cọc
mua hàng, mời đầu tư tiền ảo, thu tiền học thêm, lấy thông tin thẻ ngân hàng, mời vay tiền lãi
thấp, bán thuốc chữa bách bệnh, đòi nộp tiền bảo lãnh, tặng quà trúng thưởng""".replace(
    "\n", " "
).split(", ")

TEMPLATES = (
    "{org} {place} thông báo {event} vào {time}",
    "{item} ở {place} {change} từ {time}",
    "{person} ở {place} {action}",
    "Dịch {disease} bùng phát ở {place}, {advice}",
    "{weather} gây {damage} tại {place} vào {time}",
    "{scammer} giả danh {disguise} ở {place} để {scam}",
    "{org} {place} cấm {action2} từ {time}",
    "{person} {place} bị phạt vì {action}",
)


def generate(count: int, seed: int = 22) -> Iterator[tuple[str, str]]:
    """`count` distinct (key, claim) pairs, the same ones for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        template = rng.choice(TEMPLATES)
        claim = template.format(
            org=rng.choice(ORGS),
            place=rng.choice(PLACES),
            event=rng.choice(EVENTS),
            time=rng.choice(TIMES),
            item=rng.choice(ITEMS),
            change=rng.choice(CHANGES),
            person=rng.choice(PEOPLE),
            action=rng.choice(ACTIONS),
            action2=rng.choice(ACTIONS),
            disease=rng.choice(DISEASES),
            advice=rng.choice(ADVICE),
            weather=rng.choice(WEATHER),
            damage=rng.choice(DAMAGE),
            scammer=rng.choice(SCAMMERS),
            disguise=rng.choice(DISGUISES),
            scam=rng.choice(SCAMS),
        )
        if claim in seen:
            continue
        seen.add(claim)
        yield f"filler-{len(seen):05d}", claim
