## Bình Yên — tiếng Việt. Mọi tin nhắn là HTML của Telegram; tham số đã được thoát ký tự.

## Chào mừng

start-greeting =
    Xin chào! Đây là <b>Bình Yên</b> — trợ lý an ninh trật tự của xã, phường nơi bạn sống.
    • Báo tin về trộm cắp, ma túy, lừa đảo, đánh nhau, nguy cơ cháy nổ… (có thể ẩn danh) và theo dõi kết quả xử lý.
    • Nhận thông tin chính thức đã xác minh, kiểm tra tin đồn và tham gia các tổ tự quản ở địa phương.
start-welcome-back = Chào mừng bạn quay lại! Xã/phường của bạn: <b>{ $commune }</b>.
emergency =
    🚨 <b>Khẩn cấp?</b> Gọi ngay <b>113</b> (Công an), <b>114</b> (Cứu nạn, cứu hộ, cháy nổ), <b>115</b> (Cấp cứu y tế).
    Bot này <b>không phải</b> đường dây khẩn cấp và có thể không được trả lời ngay.

## Quyền riêng tư

privacy-notice =
    🔒 <b>Quyền riêng tư</b>
    Bot lưu: mã Telegram của bạn, ngôn ngữ, xã/phường bạn chọn, cài đặt thông báo và những gì bạn gửi qua bot (tin báo, ảnh, vị trí).
    Để làm gì: chuyển tin báo đến đúng công an xã/phường, báo cho bạn kết quả xử lý và gửi thông tin chính thức của địa phương.
    Tin báo ẩn danh không bao giờ hiển thị tên, số điện thoại hay tài khoản của bạn cho cán bộ hay bất kỳ ai.
    Xem dữ liệu của bạn: /mydata. Xóa dữ liệu: /deleteme.
privacy-accept = ✅ Tôi đồng ý
privacy-accepted = Cảm ơn bạn đã đồng ý.
privacy-needed = Vui lòng đọc và đồng ý với thông báo quyền riêng tư ở trên để tiếp tục (bấm “{ privacy-accept }”).

## Chọn xã, phường

commune-ask =
    📍 Bạn sống ở xã, phường hay đặc khu nào?
    Gõ một phần tên, không cần dấu — ví dụ: <code>van don</code> — hoặc chọn từ danh sách.
commune-browse = 📋 Chọn từ danh sách
commune-matches = Chọn xã/phường của bạn:
commune-no-match = Không tìm thấy xã/phường nào có tên “{ $query }”.
commune-suggestions = Có phải bạn muốn tìm:
commune-try-again = Hãy gõ lại tên khác (không cần dấu) hoặc chọn từ danh sách.
commune-too-short = Hãy gõ ít nhất 2 chữ cái của tên xã/phường.
commune-page = { $province } — trang { $page }/{ $pages }. Chọn xã/phường của bạn:
commune-saved = ✅ Đã lưu xã/phường của bạn: <b>{ $commune }</b>.
commune-unknown = Xã/phường này không thuộc khu vực bot đang phục vụ. Hãy chọn lại.
page-previous = ◀️ Trước
page-next = Sau ▶️

## Menu chính

menu-report = 🚨 Báo tin
menu-info = 📢 Thông tin chính thức
menu-rumor = 🔎 Kiểm tra tin đồn
menu-groups = 🤝 Tổ tự quản
menu-myreports = 📂 Tin báo của tôi
menu-settings = ⚙️ Cài đặt
menu-ready = Bạn đã sẵn sàng. Chọn một mục ở bàn phím bên dưới.
menu-placeholder = Chọn một mục…

## Trợ giúp

help =
    <b>Bình Yên</b> giúp bạn:
    🚨 <b>Báo tin</b> — gửi tin về vụ việc an ninh trật tự, có thể ẩn danh, kèm ảnh và vị trí.
    📢 <b>Thông tin chính thức</b> — thông báo, cảnh báo đã được xác minh.
    🔎 <b>Kiểm tra tin đồn</b> — gửi hoặc chuyển tiếp một tin để kiểm tra.
    🤝 <b>Tổ tự quản</b> — tham gia các tổ an ninh, tổ hòa giải ở địa phương.

    Lệnh: /start · /settings · /language · /mydata · /deleteme · /cancel
    { emergency }

## Cài đặt

settings-title =
    ⚙️ <b>Cài đặt</b>
    Ngôn ngữ: { $language }
    Xã/phường: { $commune }
    Thông báo: { $notifications }
settings-language = 🌐 Ngôn ngữ
settings-commune = 📍 Đổi xã/phường
commune-not-set = chưa chọn
language-name = Tiếng Việt
language-choose = Chọn ngôn ngữ / Choose your language:
language-set = Đã chuyển sang tiếng Việt.

## Dữ liệu cá nhân

mydata =
    🗂 <b>Dữ liệu bot lưu về bạn</b>
    Mã Telegram: <code>{ $telegram_id }</code>
    Ngôn ngữ: { $language }
    Xã/phường: { $commune }
    Thông báo: { $notifications }
    Đồng ý quyền riêng tư: { $privacy }
    Bắt đầu dùng bot: { $created }
    Vai trò: { $roles }
    Đang làm dở: { $draft }
flow-commune = chọn xã/phường
mydata-none = không có
mydata-resident = người dân
deleteme-confirm =
    ⚠️ Xóa toàn bộ dữ liệu cá nhân của bạn?
    Bot sẽ quên mã Telegram, cài đặt, bản nháp và vai trò của bạn. Các tin báo bạn đã gửi vẫn được giữ để công an xử lý, nhưng không còn liên kết với bạn và bạn sẽ không nhận được cập nhật về chúng nữa.
deleteme-yes = 🗑 Xóa dữ liệu của tôi
deleteme-no = Không, giữ lại
deleteme-done = Đã xóa dữ liệu của bạn. Cảm ơn bạn đã đồng hành. Gõ /start nếu muốn dùng lại.
deleteme-cancelled = Đã hủy. Dữ liệu của bạn vẫn được giữ nguyên.
nothing-to-cancel = Không có việc gì đang làm dở để hủy.
cancelled = Đã hủy.

## Vai trò

role-leader = tổ trưởng tổ tự quản
role-moderator = cán bộ xã/phường
role-admin = quản trị tỉnh
role-superadmin = quản trị hệ thống
role-at = { $role } ({ $place })
grant-usage =
    Cách dùng: <code>/grant ID moderator MÃ_XÃ</code> hoặc <code>/grant ID admin MÃ_TỈNH</code>
    Ví dụ: <code>/grant 123456789 moderator 6994</code>
revoke-usage = Cách dùng: <code>/revoke ID moderator MÃ_XÃ</code> hoặc <code>/revoke ID admin MÃ_TỈNH</code>
grant-done = ✅ Đã cấp vai trò { $role } cho <code>{ $user }</code>.
grant-existed = Người dùng <code>{ $user }</code> đã có vai trò { $role }.
revoke-done = ✅ Đã thu hồi vai trò { $role } của <code>{ $user }</code>.
revoke-none = Người dùng <code>{ $user }</code> không có vai trò { $role }.
roles-title = <b>Vai trò đã cấp</b>
roles-empty = Chưa có vai trò nào được cấp.
refusal-not-staff = Xin lỗi, lệnh này chỉ dành cho cán bộ được cấp quyền.
refusal-only-superadmin-grants-admin = Xin lỗi, chỉ quản trị hệ thống mới cấp được vai trò quản trị tỉnh.
refusal-not-admin-of-province = Xin lỗi, bạn không phải quản trị của { $province }.
refusal-not-moderator-of-commune = Xin lỗi, bạn không có quyền quản lý { $commune }.
refusal-admin-needs-province = Vai trò quản trị tỉnh cần mã tỉnh (ví dụ 22).
refusal-role-needs-commune = Vai trò này cần mã xã/phường (ví dụ 6994).
refusal-province-not-served = Tỉnh mã { $province } không thuộc khu vực bot phục vụ.
refusal-commune-not-served = Xã/phường mã { $commune } không thuộc khu vực bot phục vụ.

## Phòng trực

linkroom-usage =
    Gửi lệnh này trong nhóm trực của cán bộ:
    <code>/linkroom MÃ_XÃ</code> — ví dụ <code>/linkroom 6994</code>
    <code>/linkroom MÃ_XÃ LOẠI_TIN</code> — phòng riêng cho một loại tin
    <code>/linkroom province MÃ_TỈNH</code> — phòng của quản trị tỉnh
linkroom-not-group = Lệnh /linkroom cần được gửi trong nhóm Telegram sẽ làm phòng trực.
linkroom-bot-not-admin = Bot cần là quản trị viên (admin) của nhóm này. Hãy thêm quyền quản trị cho bot rồi gửi lại lệnh.
linkroom-done = ✅ Nhóm này đã là phòng trực của <b>{ $place }</b>.
linkroom-done-category = ✅ Nhóm này đã là phòng trực của <b>{ $place }</b> cho loại tin <b>{ $category }</b>.
linkroom-existed = Nhóm này đã được liên kết với <b>{ $place }</b> từ trước.
room-help =
    Đây là phòng trực của cán bộ. Bot sẽ gửi tin báo của người dân vào đây.
    /linkroom — liên kết nhóm với xã/phường · /help — trợ giúp

## Lỗi và nhập sai

error-generic = 😔 Xin lỗi, đã có lỗi xảy ra. Bạn hãy thử lại sau ít phút. Nếu khẩn cấp, hãy gọi 113.
unknown-command = Bot không hiểu lệnh này. Gõ /help để xem các lệnh có thể dùng.
unsupported-message = Bot chưa xử lý được loại tin nhắn này. Hãy dùng các nút ở menu bên dưới hoặc gõ /help.
text-expected = Ở bước này bot cần bạn gõ chữ. { $hint }
button-stale = Nút này đã cũ hoặc không còn hiệu lực.
button-done = Đã xong.
edited-ignored = Bot không đọc được tin nhắn đã sửa. Nếu cần thay đổi, hãy gửi tin nhắn mới.
blocked = Xin lỗi, tài khoản của bạn đã bị tạm ngừng sử dụng chức năng này. Nếu có nhầm lẫn, hãy liên hệ công an xã/phường.
need-start = Bạn chưa hoàn tất bước bắt đầu. Gõ /start để tiếp tục.

## Danh sách lệnh

cmd-start = Bắt đầu / về menu chính
cmd-help = Trợ giúp
cmd-settings = Cài đặt
cmd-language = Đổi ngôn ngữ
cmd-mydata = Dữ liệu của tôi
cmd-deleteme = Xóa dữ liệu của tôi
cmd-cancel = Hủy việc đang làm
cmd-linkroom = Liên kết nhóm làm phòng trực
cmd-grant = Cấp vai trò
cmd-revoke = Thu hồi vai trò
cmd-roles = Danh sách vai trò
