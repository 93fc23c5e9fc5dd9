# Phòng trực của cán bộ: thẻ tin báo, nút xử lý, nhắn với người báo tin, lệnh tra cứu.

cmd-queue = Tin báo đang chờ xử lý
cmd-find = Tìm tin báo
cmd-stats = Thống kê tin báo
cmd-export = Xuất tin báo ra tệp CSV
cmd-room-report = Xem tin báo theo mã

rooms-card-alert = ⏫ <b>BÁO LÊN TỈNH</b>
rooms-card-urgent = 🔴 <b>KHẨN CẤP</b>
rooms-card-title = 📋 <b>Tin báo <code>{ $code }</code></b>
rooms-card-category = 🗂 Loại: { $category }
rooms-card-commune = 🏘 Xã/phường: { $commune }
rooms-card-time = 🕒 Lúc: { $time }
rooms-card-address = 📍 Địa chỉ: { $address }
rooms-card-pin = 📌 Có vị trí trên bản đồ (xem tin nhắn bên dưới)
rooms-card-pin-far = 📌 Có vị trí trên bản đồ — ⚠️ ở xa khu vực phục vụ
rooms-card-anonymous = 👤 Người báo tin ẩn danh #{ $alias }
rooms-card-named = 👤 Người báo tin: { $reporter }
rooms-card-attachments = 📎 Tệp đính kèm: { $count } (bên dưới)
rooms-card-status = Trạng thái: <b>{ $status }</b>
rooms-card-status-by = Trạng thái: <b>{ $status }</b> — { $name }, { $time }
rooms-card-escalated = ⏫ Đã báo lên tỉnh
rooms-card-moved = ↪️ Đã chuyển sang <b>{ $commune }</b>; phòng trực ở đó xử lý tiếp.

rooms-button-tk = 🙋 Nhận xử lý
rooms-button-ip = 🔧 Đang xử lý
rooms-button-rs = ✅ Đã giải quyết
rooms-button-rj = ❌ Từ chối
rooms-button-dp = 🔁 Trùng tin…
rooms-button-tr = ↪️ Chuyển xã khác
rooms-button-es = ⏫ Báo lên tỉnh
rooms-button-mg = 💬 Nhắn người báo tin
rooms-button-tl = 🕘 Diễn biến
rooms-button-ft = 📄 Xem toàn văn
rooms-button-back = ◀️ Quay lại
rooms-button-more = ⋯ Thêm…
rooms-card-here = ⤴️ Tin báo <code>{ $code }</code> ở đây.

rooms-reason-spam = Tin rác, quấy rối
rooms-reason-insufficient = Chưa đủ thông tin
rooms-reason-not_competent = Không thuộc thẩm quyền
rooms-reason-false = Tin báo sai sự thật

reporter-reason-spam = Lý do: tin báo bị coi là tin rác hoặc quấy rối.
reporter-reason-insufficient = Lý do: chưa đủ thông tin để xác minh. Bạn có thể gửi tin báo mới với nhiều chi tiết hơn.
reporter-reason-not_competent = Lý do: việc này không thuộc thẩm quyền của công an xã. Bạn có thể liên hệ cơ quan phù hợp.
reporter-reason-false = Lý do: qua xác minh, nội dung tin báo không đúng sự thật.

rooms-done = ✅ Đã cập nhật
rooms-duplicate-done = 🔁 Đã đánh dấu <code>{ $code }</code> là tin trùng.
rooms-escalated = ⏫ Đã báo lên tỉnh
rooms-refused-stale = Nút này đã cũ hoặc không thuộc phòng này. Không có gì thay đổi.
rooms-refused-not-moderator = Chỉ cán bộ phụ trách xã/phường của tin báo này mới thao tác được.
rooms-refused-state = Tin báo đang ở trạng thái “{ $status }”, thao tác này không còn áp dụng.
rooms-refused-conflict = Một cán bộ khác vừa cập nhật trước bạn: tin báo giờ là “{ $status }”.
rooms-refused-unreachable = Người báo tin đã xóa dữ liệu, không thể nhắn được nữa.
rooms-refused-same-commune = Tin báo đã thuộc xã/phường này rồi.
rooms-refused-unknown-code = Không tìm thấy tin báo gốc với mã này trong các xã/phường bạn phụ trách.
rooms-refused-same-report = Tin báo không thể trùng với chính nó.

rooms-ask-message = 💬 Trả lời tin nhắn này bằng nội dung (chữ hoặc ảnh) gửi cho người báo tin <code>{ $code }</code>. Người báo tin chỉ thấy “Công an xã/phường”, không thấy tên bạn.
rooms-ask-duplicate = 🔁 Trả lời tin nhắn này bằng mã của tin báo gốc mà <code>{ $code }</code> trùng với.
rooms-ask-transfer = ↪️ Trả lời tin nhắn này bằng tên xã/phường cần chuyển tin báo <code>{ $code }</code> tới.
rooms-ask-text-only = Vui lòng trả lời bằng chữ.
rooms-ask-text-or-photo = Vui lòng trả lời bằng chữ hoặc một ảnh.
rooms-transfer-pick = Chọn xã/phường nhận tin báo (hiện thuộc { $commune }):
rooms-transfer-none = Không tìm thấy xã/phường nào khớp “{ $query }”. Hãy trả lời lại câu hỏi ở trên.

rooms-relay-to-reporter =
    💬 <b>Công an { $commune }</b> nhắn về tin báo <code>{ $code }</code> của bạn:

    { $text }

    Bạn có thể trả lời tin nhắn này (bằng chữ hoặc ảnh) hoặc bấm nút bên dưới.
rooms-relay-photo-to-reporter =
    💬 <b>Công an { $commune }</b> gửi bạn một ảnh về tin báo <code>{ $code }</code>.

    Bạn có thể trả lời tin nhắn này (bằng chữ hoặc ảnh) hoặc bấm nút bên dưới.
rooms-relay-answer-button = ✍️ Trả lời
rooms-relay-sent = ✅ Đã gửi tới người báo tin <code>{ $code }</code>.
rooms-relay-gone = ⚠️ Không gửi được: người báo tin đã xóa dữ liệu của mình.
rooms-relay-blocked = ⚠️ Không gửi được: người báo tin đã chặn bot.
rooms-relay-failed = ⚠️ Chưa gửi được tin nhắn, vui lòng thử lại sau.
rooms-relay-from-reporter = 💬 <b>Người báo tin ẩn danh #{ $alias }</b> trả lời về tin báo <code>{ $code }</code>:
rooms-quote = { $text }

rooms-answer-ask = ✍️ Hãy viết câu trả lời cho công an về tin báo <code>{ $code }</code> (chữ hoặc ảnh). Danh tính của bạn được giữ kín.
rooms-answer-busy = Bạn đang làm dở một việc khác. Để trả lời về tin báo <code>{ $code }</code>, hãy bấm giữ tin nhắn của công an và chọn “Trả lời”.
rooms-answer-kinds = Chỉ gửi được chữ hoặc ảnh. Hãy thử lại.
rooms-answer-sent = ✅ Đã gửi câu trả lời của bạn về tin báo <code>{ $code }</code>. Danh tính của bạn được giữ kín.
rooms-answer-failed = ⚠️ Chưa gửi được câu trả lời, vui lòng thử lại sau.

rooms-followup = ➕ Người báo tin bổ sung cho tin báo <code>{ $code }</code>:
rooms-followup-text =
    ➕ Người báo tin bổ sung cho tin báo <code>{ $code }</code>:
    { $text }
rooms-reminder-ack = ⏰ { $urgent ->
        [yes] Tin báo KHẨN CẤP <code>{ $code }</code> chưa có cán bộ nhận sau { $within }. Nếu chưa nhận, tin sẽ được báo lên tỉnh.
       *[no] Tin báo <code>{ $code }</code> chưa có cán bộ nhận sau { $within }. Nếu chưa nhận, tin sẽ được báo lên tỉnh.
    }
rooms-reminder-stale = ⏰ Tin báo <code>{ $code }</code> đã { $quiet } chưa có cập nhật. Vui lòng cập nhật tình hình hoặc đóng tin báo.
rooms-delivery-failed = ⚠️ Không gửi được tin báo <code>{ $code }</code> tới phòng trực của { $commune } (bot bị xóa khỏi nhóm hoặc lỗi mạng). Bot sẽ tự gửi lại; vui lòng kiểm tra nhóm.

rooms-timeline-title = 🕘 <b>Diễn biến tin báo <code>{ $code }</code></b>
rooms-timeline-status = { $at } — { $who }: { $status }
rooms-timeline-filed = { $at } — tin báo được gửi
rooms-timeline-followup = { $at } — người báo tin bổ sung thông tin
rooms-timeline-note = { $at } — { $who }: ghi chú nội bộ
rooms-timeline-escalated = { $at } — { $who }: báo lên tỉnh
rooms-timeline-message = { $at } — { $who }: nhắn người báo tin
rooms-timeline-answer = { $at } — người báo tin trả lời
rooms-actor-reporter = Người báo tin
rooms-actor-moderator = Cán bộ
rooms-actor-system = Hệ thống

rooms-not-moderator = Lệnh này dành cho cán bộ phụ trách xã/phường của phòng trực này.
rooms-queue-empty = 🎉 Không có tin báo nào đang chờ xử lý.
rooms-queue-title = 📥 <b>Tin báo đang mở: { $total }</b> (trang { $page }/{ $pages }, cũ nhất trước)
rooms-queue-line = { $urgent ->
        [yes] 🔴
       *[no] ⚪
    } <code>{ $code }</code> — { $category } — { $commune } — { $status } — { $time }
rooms-report-usage = Cách dùng: /report MÃ_TIN_BÁO
rooms-report-unknown = Không tìm thấy tin báo “{ $code }” trong các xã/phường bạn phụ trách.
rooms-find-usage = Cách dùng: /find từ khóa (ít nhất 2 ký tự)
rooms-find-none = Không có tin báo nào khớp “{ $query }”.
rooms-find-title = 🔎 <b>{ $count } tin báo khớp “{ $query }”</b>
rooms-stats-usage = Cách dùng: /stats 7d, /stats 30d hoặc /stats 90d
rooms-stats-title = 📊 <b>Thống kê { $days } ngày qua: { $total } tin báo</b>
rooms-stats-categories = <b>Theo loại:</b>
rooms-stats-medians = ⏱ Thời gian nhận xử lý (trung vị): { $ack }
    ⏱ Thời gian giải quyết (trung vị): { $resolve }
rooms-stats-chart-categories = Theo loại vụ việc
rooms-stats-chart-days = Theo ngày
rooms-stats-chart-title = { $place } · { $first } – { $last }
rooms-stats-chart-caption = 📊 { $place }, { $first } – { $last }: { $total } tin báo, { $resolved } đã giải quyết, thời gian nhận xử lý (trung vị) { $ack }
rooms-stats-communes = { $count } xã/phường
rooms-export-usage = Cách dùng: /export [từ ngày] [đến ngày], ví dụ /export 2026-11-01 2026-11-30
rooms-export-caption = 📄 { $count } tin báo. Người báo tin ẩn danh chỉ hiện bằng bí danh.
