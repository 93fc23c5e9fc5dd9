## Đợt gửi thông báo (broadcast)

broadcast-progress =
    <b>{ $title }</b>
    📤 { $figures }
broadcast-sent = Đã gửi { $sent } / { $total }
broadcast-not-received = { $count } không nhận được
broadcast-eta = còn khoảng { $minutes } phút
broadcast-quiet = { $count } chờ hết giờ yên tĩnh
broadcast-waiting = sẽ gửi tới người dân khi đến giờ đăng
broadcast-preparing = đang lập danh sách người nhận
broadcast-cancelled = đã dừng, { $count } người không nhận
broadcast-withdrawn = đã thu hồi, xóa { $count } bản đã gửi
broadcast-done = đã xong
broadcast-cancel = ⛔ Dừng đợt gửi #{ $id }
broadcast-stopped = Đã dừng. { $count } người sẽ không nhận tin này.
broadcast-already-over = Đợt gửi này đã kết thúc.
broadcast-title-notice = ✅ Đã đăng { $icon } “{ $title }”
broadcast-title-scheduled = 🕒 Đã hẹn đăng { $icon } “{ $title }” lúc { $time }
broadcast-title-other = Đợt gửi #{ $id }
broadcast-title-correction = 🔄 Đính chính: { $claim }
broadcast-title-rumor = 🔎 Trả lời tin đồn #{ $id }
broadcasts-none = Chưa có đợt gửi nào bạn được xem.
broadcasts-title = 📤 <b>Các đợt gửi gần đây</b>
broadcasts-line =
    <b>#{ $id }</b> { $title }
    { $figures }
cmd-broadcasts = Tiến độ gửi thông báo, dừng gửi

## Chọn thông báo nhận

settings-notifications = 🔔 Chọn thông báo nhận
notifications-title =
    🔔 <b>Thông báo bạn nhận</b>
    { $summary }

    Bấm để bật/tắt từng loại. Cảnh báo khẩn luôn được gửi ngay, kể cả giờ yên tĩnh.
notify-warnings = ⚠️ Cảnh báo: { $state }
notify-announcements = 📢 Thông báo chung: { $state }
notify-positive = 🌟 Tin tích cực: { $state }
notify-warnings-short = cảnh báo
notify-announcements-short = thông báo chung
notify-positive-short = tin tích cực
notifications-none = không nhận thông báo nào
notify-quiet = 🌙 Giờ yên tĩnh: { $quiet }
quiet-hours = yên tĩnh { $start }–{ $end }
quiet-none = không có giờ yên tĩnh
quiet-choose = 🌙 Trong giờ yên tĩnh, thông báo không khẩn sẽ chờ đến khi hết giờ mới gửi. Chọn khung giờ:
quiet-set = 🌙 Đã lưu giờ yên tĩnh.
switch-on = bật
switch-off = tắt
switch-now-on = 🔔 Đã bật.
switch-now-off = 🔕 Đã tắt.
back = ⬅️ Quay lại

## Soạn thông báo: khẩn

notice-urgent-on = ⚡ Khẩn: gửi ngay cả trong giờ yên tĩnh của người dân.
notice-urgent-off = 🌙 Không khẩn: người đang trong giờ yên tĩnh sẽ nhận khi hết giờ.
notice-urgent-set = ⚡ Đánh dấu khẩn
notice-urgent-unset = 🌙 Bỏ đánh dấu khẩn
