## Thông tin đã xác minh: thông báo chính thức, kiểm chứng tin đồn. Mọi tin nhắn là HTML.

## Nhãn kết luận

verdict-false = Tin giả
verdict-misleading = Sai sự thật một phần / gây hiểu lầm
verdict-true = Đúng sự thật
verdict-unverified = Chưa xác minh
verdict-out-of-scope = Ngoài phạm vi

factcheck-card =
    <b>{ $verdict }</b>
    <i>“{ $claim }”</i>

    { $explanation }
    <i>Cập nhật: { $date }</i>
factcheck-sources = Nguồn: { $sources }
factcheck-correction = 🔄 <b>Đính chính:</b> kết luận về một tin bạn đã nhận trước đây vừa được cập nhật.
share = 📤 Chia sẻ

## Kiểm tra tin đồn

rumor-ask =
    🔎 Gửi cho bot nội dung bạn muốn kiểm tra: gõ hoặc dán tin, chuyển tiếp tin nhắn, gửi ảnh kèm chú thích hoặc đường link.
    Mẹo: lần sau chỉ cần chuyển tiếp tin nhắn cho bot là được.
rumor-need-text = Bot cần chữ, ảnh hoặc đường link để kiểm tra. Hãy gửi lại nội dung tin.
rumor-answer = Tin này đã được cơ quan chức năng kiểm chứng:
rumor-candidates = Có phải bạn muốn hỏi một trong các tin sau? Bấm để xem kết luận.
rumor-none-of-these = 🙅 Không phải các tin này
rumor-not-this = 🙅 Không phải tin tôi hỏi
rumor-filed =
    📨 Bot chưa có kết luận về tin này. { $others ->
        [0] Đã chuyển cho cán bộ xã/phường kiểm tra.
       *[other] Đã chuyển cho cán bộ xã/phường kiểm tra (có thêm { $others } người hỏi cùng tin này).
    }
    Bạn sẽ nhận được câu trả lời ngay khi có kết luận. Trong lúc chờ, đừng chia sẻ tin này.
rumor-already-asked = Bạn đã hỏi về tin này rồi. Cán bộ đang kiểm tra; bot sẽ báo bạn ngay khi có kết luận.
rumor-answered = 📬 Cán bộ đã trả lời tin bạn hỏi:
rumor-answer-out-of-scope = 📬 Về tin bạn hỏi: nội dung này nằm ngoài phạm vi kiểm chứng của công an xã/phường. Hãy theo dõi thông tin từ cơ quan có thẩm quyền.
rumor-origin-channel = kênh
rumor-origin-chat = nhóm
rumor-origin-user = chuyển tiếp từ một người dùng
rumor-origin-hidden-user = chuyển tiếp từ người dùng ẩn danh
rumor-origin-direct = người dân gửi trực tiếp

## Yêu cầu kiểm chứng (cán bộ)

rumors-title-top = 🔎 <b>Tin đồn chờ kiểm chứng</b> ({ $count }) — nhiều người hỏi nhất trước. Chọn một tin:
rumors-title-new = 🔎 <b>Tin đồn chờ kiểm chứng</b> ({ $count }) — mới nhất trước. Chọn một tin:
rumors-empty = ✅ Không có tin đồn nào đang chờ kiểm chứng.
rumors-sort-new = 🕒 Xếp mới nhất trước
rumors-sort-top = 👥 Xếp nhiều người hỏi nhất trước
rumors-request =
    🔎 <b>Yêu cầu #{ $id }</b> · 👥 { $askers } người hỏi
    Nguồn: { $origin } · Xã/phường: { $commune }

    { $text }
rumors-new =
    🔎 <b>Tin đồn mới cần kiểm chứng</b> (#{ $id })

    { $text }
rumors-open = 📂 Mở yêu cầu
rumors-answer-new = ✍️ Trả lời bằng kết luận mới
rumors-link = 🔗 Gắn với kết luận đã có
rumors-out-of-scope = 🚫 Ngoài phạm vi
rumors-explain = ✍️ Gửi phần giải thích cho người dân (từ 5 đến 3000 ký tự). Nội dung tin đồn sẽ được dùng làm phát biểu cần kiểm chứng.
rumors-search = 🔗 Chọn một kết luận ở trên, hoặc gõ từ khóa / mã kết luận để tìm.
rumors-search-none = Không tìm thấy kết luận nào. Hãy thử từ khóa khác.
rumors-search-results = Chọn kết luận để gắn với yêu cầu:
rumors-closed = ✅ Đã đóng yêu cầu #{ $id }; đang báo cho { $told } người hỏi. Mã kết luận: <code>{ $code }</code> (sửa bằng /factcheck).
rumors-already-closed = Yêu cầu này đã được xử lý.
rumors-open-private = Bot không nhắn riêng được cho bạn. Hãy mở chat riêng với bot, bấm Start rồi thử lại.

## Thông báo chính thức

info-title = 📢 <b>Thông tin chính thức</b> — trang { $page }/{ $pages }. Chọn để đọc toàn văn:
info-empty = 📢 Hiện chưa có thông báo chính thức nào cho xã/phường của bạn.
notice-card =
    { $icon } <b>{ $title }</b>
    ✅ <i>{ $issuer }</i> · { $date }

    { $body }
notice-source = Nguồn: { $url }
notice-gone = Thông báo này không còn hiệu lực.
notice-kind-announcement = Thông báo
notice-kind-warning = Cảnh báo
notice-kind-positive = Tin vui
notice-kind-factcheck = Kiểm chứng
notice-choose-scope = 📝 <b>Soạn thông báo</b>. Gửi cho đâu?
notice-choose-kind = Gửi cho { $scope }. Loại thông báo?
notice-ask-title = Gõ tiêu đề (tối đa 200 ký tự).
notice-ask-body = Gõ nội dung thông báo (tối đa 3500 ký tự).
notice-ask-photo = Gửi một ảnh kèm thông báo, hoặc bấm bỏ qua.
notice-skip-photo = ⏭ Bỏ qua ảnh
notice-preview =
    👀 <b>Xem trước</b> — gửi cho { $scope }

    <b>{ $title }</b>
    ✅ <i>{ $issuer }</i>
    📅 { $expiry }

    { $body }
notice-publish = ✅ Đăng ngay
notice-schedule = 🕒 Hẹn giờ đăng
notice-cancel = ✖️ Hủy
notice-ask-time = Gõ thời điểm đăng theo giờ Việt Nam, dạng <code>18:30 25/12</code> (phải ở tương lai).
notice-published = ✅ Đã đăng “{ $title }”. Đang gửi tới người dân nhận loại tin này; tiến độ ở tin nhắn dưới đây.
notice-scheduled = 🕒 Đã hẹn đăng “{ $title }” lúc { $time }; khi đó thông báo sẽ được gửi tới người dân.
notices-manage = 📝 Thông báo gần đây. Chọn để sửa hoặc thu hồi:
notices-manage-empty = Chưa có thông báo nào trong phạm vi của bạn.
notice-edit = ✏️ Sửa nội dung
notice-withdraw = 🗑 Thu hồi
notice-withdrawn = 🗑 Đã thu hồi “{ $title }”: người dân không còn thấy thông báo, phần chưa gửi đã dừng, { $deleting } bản đã gửi (dưới 48 giờ) đang được xóa.
notice-edited = ✏️ Đã cập nhật “{ $title }”.
notice-one-commune = 🏘 Một xã/phường…
notice-ask-commune = 🏘 Gõ một phần tên xã/phường cần gửi (gõ không dấu cũng được), ví dụ <code>van don</code>.
notice-commune-choose = Chọn xã/phường, hoặc gõ tên khác để tìm lại:
notice-commune-none = Không tìm thấy xã/phường nào trong phạm vi bạn quản lý. Hãy gõ lại tên khác.
notice-ask-expiry = 📅 Thông báo hiển thị đến hết ngày nào? Gõ ngày theo giờ Việt Nam, dạng <code>31/12</code> hoặc <code>31/12/2026</code> (chưa qua), hoặc bấm “Không có hạn”.
notice-no-expiry = ♾ Không có hạn
notice-expiry-none = Không có hạn
notice-expiry-until = Hiệu lực đến hết ngày { $date }
notice-change-issuer = 🏛 Đổi đơn vị ban hành
notice-ask-issuer = 🏛 Đơn vị ban hành hiện là <i>{ $issuer }</i>. Gõ tên khác (tối đa 100 ký tự), hoặc bấm giữ nguyên.
notice-issuer-keep = ↩️ Giữ nguyên
notice-issuer-invalid = Tên đơn vị ban hành cần từ 1 đến 100 ký tự. Hãy gõ lại.
notice-time-after-expiry = Thời điểm đăng phải trước ngày hết hạn của thông báo. Hãy gõ thời điểm khác.
notice-edit-title = ✏️ Sửa tiêu đề
notice-edit-expiry = 📅 Đổi hạn hiệu lực
notice-ask-new-expiry = 📅 Hiện tại: { $current }. Gõ ngày hết hiệu lực mới, dạng <code>31/12</code> hoặc <code>31/12/2026</code>, hoặc bấm “Không có hạn”.
notice-still-waiting = Bot đang chờ bạn gõ nội dung mới.
notice-expiry-changed = 📅 Đã cập nhật “{ $title }”: { $expiry }.

## Lệnh

cmd-rumors = Tin đồn chờ kiểm chứng
cmd-notice = Soạn thông báo chính thức
cmd-notices = Sửa, thu hồi thông báo

## Sửa kết luận (cán bộ)

factcheck-edit-usage = Cách dùng: <code>/factcheck MÃ_KẾT_LUẬN</code> — ví dụ <code>/factcheck fc-1a2b3c4d5e</code>
factcheck-edit-refused = Không tìm thấy kết luận này trong phạm vi bạn quản lý.
factcheck-edit-explanation = ✏️ Sửa phần giải thích
factcheck-edit-ask = ✏️ Gửi phần giải thích mới (từ 5 đến 3000 ký tự).
factcheck-edit-done = 🔄 Đã cập nhật kết luận; đang gửi đính chính cho { $sent } người đã nhận bản cũ.
cmd-factcheck = Sửa kết luận kiểm chứng
