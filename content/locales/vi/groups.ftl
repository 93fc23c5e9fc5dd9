## Tổ tự quản (community groups). Mọi tin nhắn đều là HTML.

groups-overview =
    🤝 <b>Các tổ tự quản của { $commune }</b> ({ $count })
    Tổ của bạn có dấu ⭐. Chọn loại tổ, hoặc gõ tên thôn, khu hay tên tổ để tìm (ví dụ: <i>thon 3</i>, <i>khu 5</i>, <i>hoa giai</i>).
groups-overview-empty =
    🤝 <b>Các tổ tự quản của { $commune }</b>
    Xã của bạn chưa có tổ nào trong danh sách. Công an xã sẽ bổ sung; bạn có thể hỏi trưởng thôn.
groups-no-commune = Hãy chọn xã của bạn trong ⚙️ Cài đặt trước, rồi mở lại 🤝 Tổ tự quản.
groups-start-first = Vui lòng gửi /start cho bot trước.
groups-search-hint = Gõ tên thôn, khu hoặc tên tổ để tìm, hoặc mở lại 🤝 Tổ tự quản.
groups-search-none = Không có tổ nào khớp với “{ $query }”. Hãy thử từ ngắn hơn, ví dụ <i>thon 3</i>.
groups-search-found = 🔎 Có { $count } tổ khớp với “{ $query }”:
groups-kind-page =
    <b>{ $kind }</b>
    <i>{ $description }</i>
    Trang { $page }/{ $pages }

group-card =
    { $icon } <b>{ $name }</b>
    { $kind }
    📍 { $place }
    👥 { $members } thành viên
group-card-description = { $text }
group-card-meeting = 🕒 Sinh hoạt: { $text }
group-card-contact = 📞 Liên hệ: { $text }
group-card-mediation = ⚖️ Bạn có thể yêu cầu tổ hòa giải. Đây không phải là báo cáo gửi công an.
group-card-archived = 🗄 Tổ này đã ngừng hoạt động (lưu trữ).
group-standing-member = ✅ Bạn là thành viên.
group-standing-pending = ⏳ Yêu cầu của bạn đang chờ tổ trưởng trả lời.
group-standing-leader = 🛠 Bạn là tổ trưởng của tổ này.
group-join = 🙋 Xin tham gia
group-join-message = ✍️ Xin tham gia, kèm lời nhắn
group-join-ask = 🙋 Xin tham gia tổ
group-leave-member = 🚪 Rời tổ
group-leave-pending = ↩️ Rút yêu cầu
group-leave-confirm = Rời <b>{ $name }</b>? Bạn cũng sẽ rời nhóm chat của tổ, nếu có.
group-leave-yes = 🚪 Đồng ý rời tổ
group-notices = 📢 Thông báo của tổ
group-chat = 💬 Nhóm chat của tổ
group-chat-open = 💬 Vào nhóm chat của tổ
group-chat-invite = 💬 Lời mời vào nhóm chat của <b>{ $name }</b>. Đường dẫn chỉ dành cho bạn: người khác dùng sẽ không được vào.
group-mediation = ⚖️ Yêu cầu hòa giải
group-leader-tools = 🛠 Công cụ tổ trưởng
group-manage = ⚙️ Quản lý (cán bộ xã)
group-back = ⬅️ Tất cả các tổ
group-back-card = ⬅️ Về thẻ của tổ
group-open = 🤝 Mở thẻ của tổ
group-ask-message = Viết lời nhắn ngắn cho tổ trưởng (tối đa { $max } ký tự): bạn là ai, vì sao muốn tham gia. Đừng ghi số điện thoại nếu bạn không muốn họ biết.
group-requested = ⏳ Yêu cầu tham gia <b>{ $name }</b> đã được gửi tới tổ trưởng. Bạn sẽ nhận câu trả lời tại đây.
group-notices-none = <b>{ $name }</b> chưa có thông báo nào.
group-notices-title = 📢 Thông báo của <b>{ $name }</b>:
group-mediation-ask =
    ⚖️ Mô tả ngắn gọn mâu thuẫn (tối đa { $max } ký tự) để gửi tổ hòa giải <b>{ $name }</b>.
    Đây <b>không phải là báo cáo gửi công an</b>: nếu có tội phạm hoặc nguy hiểm, hãy dùng /report hoặc gọi 113.
group-mediation-need-text = Vui lòng mô tả mâu thuẫn bằng vài dòng chữ.
group-mediation-sent = ⚖️ Yêu cầu của bạn đã được gửi tới tổ trưởng <b>{ $name }</b> và được công an xã ghi nhận. Đây không phải là báo cáo gửi công an. Bạn sẽ được báo khi tổ nhận hòa giải.

group-request =
    🙋 <b>{ $name }</b> xin tham gia <b>{ $group }</b>.
    Lời nhắn: { $message }
group-request-line =
    🙋 <b>{ $name }</b>
    Lời nhắn: { $message }
group-approve = ✅ Đồng ý
group-decline = ❌ Từ chối
group-approved = ✅ { $name } đã là thành viên của { $group }.
group-declined = ❌ Đã từ chối yêu cầu tham gia { $group } của { $name }.
group-requests-none = Không có yêu cầu nào đang chờ.
group-leader-card =
    🛠 <b>{ $name }</b>
    👥 { $members } thành viên · ⏳ { $pending } yêu cầu đang chờ
    💬 { $chat }
group-chat-linked = đã liên kết nhóm chat
group-chat-unlinked = chưa liên kết nhóm chat
group-requests = ⏳ Yêu cầu tham gia ({ $count })
group-members = 👥 Thành viên
group-members-page =
    👥 <b>{ $total } thành viên</b> — trang { $page }/{ $pages }
    { $names }
    Bấm vào tên để mời thành viên đó ra khỏi tổ.
group-post-notice = 📢 Gửi thông báo cho thành viên
group-edit-description = ✏️ Giới thiệu
group-edit-meeting = 🕒 Lịch sinh hoạt
group-edit-contact = 📞 Liên hệ công khai
group-link-chat = 💬 Liên kết nhóm chat
group-story = 🌟 Gửi câu chuyện tích cực
group-remove-ask = Vì sao mời <b>{ $name }</b> ra khỏi tổ? Thành viên sẽ được báo lý do này (tối đa { $max } ký tự).
group-remove-need-reason = Vui lòng ghi lý do bằng vài chữ.
group-removed = ➖ Đã mời { $name } ra khỏi { $group } và báo lý do; người đó cũng đã ra khỏi nhóm chat.
group-notice-ask = 📢 Viết thông báo cho thành viên <b>{ $name }</b>. Dòng đầu là tiêu đề. Chỉ thành viên của tổ nhận được.
group-need-text = Vui lòng gửi bằng chữ.
group-edit-ask-d = ✏️ Viết phần giới thiệu mới của <b>{ $name }</b>.
group-edit-ask-m = 🕒 <b>{ $name }</b> sinh hoạt khi nào, ở đâu? Gửi “-” để xóa.
group-edit-ask-c = 📞 Liên hệ công khai của <b>{ $name }</b> (chỉ những gì bạn muốn công bố). Gửi “-” để xóa.
group-link-how =
    💬 Để liên kết nhóm chat Telegram của tổ:
    1. Thêm bot vào nhóm chat làm quản trị viên, có quyền mời thành viên.
    2. Gửi <code>/linkgroup { $id }</code> trong nhóm chat.
    Sau đó bot chỉ cho thành viên đã được duyệt vào nhóm và từ chối các yêu cầu khác.
group-story-ask = 🌟 Gửi câu chuyện tích cực (trả lại ví rơi, tuần tra đêm ngăn được trộm…): bằng chữ, hoặc một ảnh kèm chú thích là câu chuyện. Công an xã sẽ đăng, sửa hoặc không đăng.
group-story-need-text = Vui lòng gửi câu chuyện bằng chữ, hoặc ảnh có chú thích.
group-story-sent = 🌟 Cảm ơn! Câu chuyện của <b>{ $name }</b> đã được gửi tới công an xã để đăng.
group-mediation-request =
    ⚖️ <b>Yêu cầu hòa giải</b> gửi <b>{ $group }</b> từ <b>{ $name }</b>:
    { $text }
    <i>Không phải báo cáo gửi công an.</i>
group-mediation-accept = 🤝 Tổ nhận hòa giải
group-mediation-accepted =
    🤝 Bạn đã nhận yêu cầu hòa giải của <b>{ $name }</b>:
    { $text }
group-mediation-record =
    📝 <b>Ghi nhận</b>: yêu cầu hòa giải gửi <b>{ $group }</b> ({ $commune }) từ <b>{ $name }</b>:
    { $text }
    <i>Không phải báo cáo gửi công an; tổ trưởng đã nhận được.</i>

group-told-approved = ✅ Chào mừng! Bạn đã là thành viên của <b>{ $name }</b>.
group-told-declined = Yêu cầu tham gia <b>{ $name }</b> của bạn chưa được chấp nhận.
group-told-removed =
    Bạn đã được mời ra khỏi <b>{ $name }</b>.
    Lý do: { $reason }
group-told-archived = 🗄 <b>{ $name }</b> đã được xã cho ngừng hoạt động; bạn không còn là thành viên.
group-told-merged = 🔀 <b>{ $name }</b> đã sáp nhập vào <b>{ $into }</b>; bạn nay là thành viên của <b>{ $into }</b>.
group-told-mediation =
    🤝 Tổ <b>{ $name }</b> đã nhận yêu cầu hòa giải của bạn.
    Sinh hoạt: { $meeting }
    Liên hệ: { $contact }

group-link-in-group = Hãy gửi /linkgroup trong nhóm chat bạn muốn liên kết.
group-link-usage = Cách dùng: <code>/linkgroup MÃ_TỔ</code> (mã số có ở mục “Liên kết nhóm chat” của công cụ tổ trưởng).
group-link-need-admin = Hãy đặt bot làm quản trị viên nhóm chat này với quyền mời thành viên, rồi gửi lại /linkgroup.
group-linked = 💬 Nhóm chat này đã được liên kết với <b>{ $name }</b>. Từ nay bot cho thành viên đã duyệt vào nhóm và từ chối các yêu cầu khác.
group-chat-declined = Nhóm chat này dành cho thành viên <b>{ $name }</b>, nên yêu cầu của bạn đã bị từ chối. Hãy xin tham gia tổ trước; khi tổ trưởng đồng ý, bạn sẽ nhận được lời mời.

group-staff-card =
    ⚙️ <b>#{ $id } { $name }</b>
    { $kind } · { $commune }
    Tổ trưởng: { $leaders }
    👥 { $members } thành viên · ⏳ { $pending } yêu cầu · { $status }
group-no-leader = chưa có
group-status-active = đang hoạt động
group-status-archived = đã lưu trữ
group-appoint = 👤 Bổ nhiệm tổ trưởng
group-archive = 🗄 Lưu trữ
group-merge = 🔀 Sáp nhập vào…
group-appoint-ask = 👤 Ai là tổ trưởng mới của <b>{ $name }</b>? Chia sẻ liên hệ của người đó (📎 → Liên hệ), chuyển tiếp một tin nhắn của họ, hoặc gửi Telegram id của họ (một số).
group-appoint-ask-id = Chưa nhận ra người này. Hãy chia sẻ liên hệ Telegram của họ, chuyển tiếp một tin nhắn của họ (nếu họ cho phép hiện tên khi chuyển tiếp), hoặc gửi Telegram id bằng số, ví dụ 123456789.
group-leader-added = 👤 { $who } nay là tổ trưởng <b>{ $name }</b>.
group-leader-removed = 👤 { $who } không còn là tổ trưởng <b>{ $name }</b>.
group-leader-unchanged = Không có gì thay đổi: { $who } và <b>{ $name }</b> đã như vậy từ trước.
group-leader-usage = Cách dùng: <code>/groupleader MÃ_TỔ USER_ID</code>, hoặc <code>/groupleader MÃ_TỔ USER_ID remove</code>.
group-archive-confirm = Lưu trữ <b>{ $name }</b>? Tổ sẽ không còn trong danh sách của người dân và mọi thành viên được thông báo.
group-archive-yes = 🗄 Đồng ý lưu trữ
group-archived = 🗄 Đã lưu trữ; đã báo { $count } thành viên.
group-merge-ask = 🔀 Gửi mã số (#) của tổ cùng xã mà <b>{ $name }</b> sáp nhập vào. Thành viên sẽ chuyển sang và được thông báo.
group-merge-ask-id = Vui lòng gửi mã số của tổ, ví dụ 12.
group-merged = 🔀 Đã sáp nhập; đã báo { $count } thành viên.
group-new-commune = Tổ mới thuộc xã nào? Gửi mã xã (ví dụ 6994) hoặc tên xã.
group-new-commune-again = Đó không phải là xã bạn quản lý. Gửi mã xã (ví dụ 6994) hoặc đúng tên xã.
group-new-kind = Loại tổ nào, tại <b>{ $commune }</b>?
group-new-name = Tên tổ (tối đa { $max } ký tự), ví dụ <i>Tổ liên gia tự quản thôn 3</i>.
group-new-hamlet = Thôn, khu, bản hoặc tổ dân phố của tổ, hoặc “-” để bỏ qua.
group-new-description = Giới thiệu ngắn, hoặc “-” để bỏ qua.

group-story-card =
    🌟 <b>Câu chuyện tích cực</b> từ <b>{ $group }</b> ({ $commune }) — bản nháp
    <b>{ $title }</b>
    { $text }
group-story-publish = ✅ Đăng
group-story-edit = ✏️ Sửa
group-story-decline = ❌ Không đăng
group-story-published = 🌟 Đã đăng thành tin tích cực: <b>{ $title }</b>
group-story-declined = ❌ Không đăng câu chuyện: <b>{ $title }</b>
group-story-edit-ask = ✏️ Gửi nội dung mới của câu chuyện (dòng đầu là tiêu đề).
group-story-edit-private = ✏️ Bot đã nhắn riêng cho bạn: hãy gửi nội dung mới ở đó.
group-story-edit-start-bot = Hãy mở trò chuyện riêng với bot (gửi /start) rồi bấm Sửa lại.
group-story-edited =
    ✏️ <b>{ $title }</b>
    { $text }

groups-stats-title = 🤝 <b>Tổ tự quản</b>: { $total } tổ đang hoạt động
groups-stats-communes = <b>Theo xã</b> (nhiều nhất trước):
groups-stats-no-leader = <b>Chưa có tổ trưởng</b>: { $count }
groups-stats-old-requests = <b>Có yêu cầu chờ quá 3 ngày</b>: { $count }
groups-stats-chart-kinds = Số tổ theo loại
groups-stats-chart-communes = Số tổ theo xã

refusal-already-member = Bạn đã ở trong tổ này (hoặc yêu cầu đang chờ).
refusal-already-pending = Yêu cầu tham gia của bạn đang chờ tổ trưởng.
refusal-bad-merge = Chỉ sáp nhập được vào một tổ khác đang hoạt động của cùng xã.
refusal-bad-name = Tên tổ cần từ 1 đến { $max } ký tự.
refusal-chat-unavailable = Hiện không vào được nhóm chat của tổ; hãy nhờ tổ trưởng kiểm tra quyền của bot trong nhóm.
refusal-group-gone = Tổ này không còn tồn tại hoặc đã lưu trữ.
refusal-mediation-length = Vui lòng mô tả mâu thuẫn trong khoảng { $min } đến { $max } ký tự.
refusal-member-gone = Người này không còn là thành viên.
refusal-message-too-long = Lời nhắn tối đa { $max } ký tự.
refusal-no-chat = Tổ này chưa liên kết nhóm chat.
refusal-not-leader = Chỉ tổ trưởng của tổ này (và công an xã) mới làm được việc này.
refusal-not-member = Chỉ thành viên của tổ mới làm được việc này.
refusal-not-moderator = Chỉ công an xã của xã có tổ này mới làm được việc này.
refusal-notice-gone = Thông báo này không còn nữa.
refusal-reason-length = Lý do cần từ 1 đến { $max } ký tự.
refusal-request-answered = Yêu cầu này đã được trả lời.
refusal-request-gone = Yêu cầu này không còn nữa.
refusal-story-gone = Câu chuyện này không còn nữa.
refusal-story-published = Câu chuyện này đã được đăng.
refusal-story-declined = Câu chuyện này đã bị từ chối.
refusal-text-length = Nội dung cần từ 10 đến { $max } ký tự.
refusal-unknown-kind = Loại tổ không có: { $kind }.
refusal-leader-is-per-group = Tổ trưởng được bổ nhiệm theo từng tổ: dùng /groupleader MÃ_TỔ USER_ID (hoặc thẻ ⚙️ Quản lý của tổ).

mydata-groups = <b>Tổ tự quản</b>: { $groups }
mydata-group-member = { $name } (thành viên)
mydata-group-pending = { $name } (đang chờ duyệt)
mydata-group-leader = { $name } (tổ trưởng)
flow-groups = tổ tự quản
cmd-newgroup = Tạo tổ tự quản
cmd-groups = Tổ tự quản: số liệu
cmd-groupleader = Bổ nhiệm tổ trưởng
cmd-linkgroup = Liên kết nhóm chat này với một tổ tự quản
group-told-appointed = 🛠 Bạn đã được bổ nhiệm làm tổ trưởng <b>{ $name }</b>. Mở thẻ của tổ và bấm 🛠 Công cụ tổ trưởng để duyệt yêu cầu, gửi thông báo và hơn nữa.
