## Báo tin — tiếng Việt. Mọi tin nhắn là HTML của Telegram; tham số đã được thoát ký tự.

cmd-report = Báo tin về vụ việc
cmd-myreports = Tin báo của tôi

## Bắt đầu

report-blocked = Xin lỗi, tài khoản của bạn không thể gửi tin báo nữa. Nếu có nhầm lẫn, bạn hãy liên hệ trực tiếp công an xã/phường.
report-cooldown = 🙏 Cảm ơn bạn đã quan tâm đến xóm làng. Trong một giờ qua bạn đã gửi khá nhiều tin; hãy chờ khoảng <b>{ $minutes } phút</b> rồi gửi tiếp nhé. Nếu khẩn cấp, hãy gọi 113.
report-cooldown-kept = Bản nháp vẫn được giữ: sau thời gian đó, bạn bấm lại “{ report-send }”.
report-draft-exists = Bạn còn một tin báo chưa gửi. Làm tiếp, hay bỏ đi và báo tin mới?
report-draft-continue = ▶️ Làm tiếp bản nháp
report-draft-discard = 🗑 Bỏ bản nháp, báo tin mới
report-step-hint = Nút đó thuộc bước trước. Bạn đang ở bước này:

## 1. Mức độ khẩn cấp

report-urgency-ask = 🚨 <b>Có ai đang gặp nguy hiểm, hay sự việc đang xảy ra ngay lúc này không?</b>
report-urgency-yes = 🚨 Có, đang xảy ra
report-urgency-no = Không
report-urgent-call =
    ‼️ <b>Hãy gọi ngay:</b>
    📞 <b>113</b> — Công an
    📞 <b>114</b> — Cứu nạn, cứu hộ, cháy nổ
    📞 <b>115</b> — Cấp cứu y tế
    Bạn vẫn có thể gửi tin báo này; tin sẽ được đánh dấu <b>khẩn cấp</b>.

## 2. Loại vụ việc

report-category-ask = Vụ việc thuộc loại nào? Chọn loại gần đúng nhất:
report-fake-news =
    Để kiểm tra một tin tức hay tin đồn, bạn hãy dùng mục <b>{ menu-rumor }</b> trong menu — câu trả lời dựa trên thông tin chính thức đã xác minh.
    Nếu là việc khác, hãy chọn loại khác:

## 3. Ở đâu

report-where-ask =
    📍 <b>Ở đâu?</b> Xã/phường: <b>{ $commune }</b>
    • Gửi vị trí (nút bên dưới, hoặc 📎 → Vị trí), và/hoặc
    • gõ địa chỉ hay một địa điểm dễ nhận ra (ví dụ “cạnh chợ Cái Rồng”).
    Sau đó bấm “{ report-where-continue }”.
report-where-pin = 📍 Gửi vị trí của tôi
report-where-change = 🏘 Đổi xã/phường
report-where-continue = ➡️ Tiếp tục
report-where-pin-saved = ✅ Đã lưu vị trí. Bạn có thể gõ thêm địa chỉ, hoặc bấm “{ report-where-continue }”.
report-where-pin-far = ⚠️ Vị trí này ở xa khu vực bot phục vụ. Bot vẫn giữ nguyên; cán bộ sẽ thấy vị trí này ở xa.
report-where-address-saved = ✅ Đã lưu địa chỉ: { $address }. Bạn có thể gửi thêm vị trí, hoặc bấm “{ report-where-continue }”.
report-where-address-long = Địa chỉ quá dài; hãy viết ngắn hơn { $max } ký tự.
report-where-commune-ask = Gõ tên xã, phường nơi xảy ra vụ việc (không cần dấu):
report-where-commune-back = ◀️ Quay lại
report-where-commune-none = Không tìm thấy xã/phường nào có tên “{ $query }”. Hãy thử cách viết khác.
report-where-commune-set = ✅ Xã/phường: <b>{ $commune }</b>.

## 4. Chuyện gì đã xảy ra

report-describe-ask =
    ✍️ <b>Chuyện gì đã xảy ra?</b> Hãy kể bằng lời của bạn: việc gì, lúc nào, ai hoặc xe nào (nếu biết).
    Ít nhất { $min } ký tự.
report-describe-short = Nội dung hơi ngắn ({ $length } ký tự). Bạn kể thêm vài chi tiết nhé — phần đã gõ vẫn được giữ, chỉ cần gửi tiếp phần còn lại.
report-describe-long = Nội dung dài { $length } ký tự, tối đa là { $max }. Hãy gửi bản ngắn hơn, hoặc chỉ giữ { $max } ký tự đầu.
report-describe-trim = ✂️ Giữ { $max } ký tự đầu
report-media-ask =
    📷 Nếu có, hãy gửi ảnh, video, tin nhắn thoại hoặc tệp (tối đa { $max }).
    Xong thì bấm “{ report-media-done }” — không có thì bấm luôn.
report-media-done = ✅ Xong
report-media-received =
    📎 Đã nhận { $count }/{ $max } tệp.
    Gửi thêm, hoặc bấm “{ report-media-done }”.
report-media-full = Bạn đã đính kèm { $max } tệp, mức tối đa của một tin báo. Hãy bấm “{ report-media-done }”.
report-media-added-text = ✍️ Đã thêm vào phần nội dung. Ở bước này bạn gửi ảnh, tệp, hoặc bấm “{ report-media-done }”.

## 5. Ai được biết

report-identity-ask =
    🔒 <b>Gửi ẩn danh hay ghi tên?</b>
    Ẩn danh: cán bộ không thấy tên, số điện thoại hay tài khoản Telegram của bạn. Cán bộ vẫn có thể nhắn hỏi lại qua bot, và bạn trả lời qua bot.
report-identity-anonymous = 🕶 Ẩn danh (nên chọn)
report-identity-named = 🙋 Ghi tên tôi
report-phone-ask = Bạn có muốn để lại số điện thoại để cán bộ gọi lại không? Không bắt buộc.
report-phone-share = 📱 Gửi số điện thoại của tôi
report-phone-skip = Bỏ qua
report-phone-not-yours = Hãy gửi số của chính bạn bằng nút bên dưới, hoặc bấm “{ report-phone-skip }”.

## 6. Xem lại

report-review =
    📝 <b>Xem lại tin báo</b>
    Khẩn cấp: { $urgent }
    Loại: { $category }
    Xã/phường: { $commune }
    Vị trí: { $pin }
    Địa chỉ: { $address }
    Nội dung: { $text }
    Tệp đính kèm: { $attachments }
    Gửi dưới dạng: { $identity }
report-yes = có
report-no = không
report-none = —
report-pin-set = đã gửi
report-pin-far = đã gửi (⚠️ ở xa khu vực phục vụ)
report-as-anonymous = ẩn danh
report-as-named = { $name }
report-as-named-phone = { $name }, { $phone }
report-send = 📨 Gửi
report-edit = ✏️ Sửa một phần
report-cancel = 🗑 Hủy
report-edit-ask = Bạn muốn sửa phần nào?
report-part-urgency = 🚨 Mức khẩn cấp
report-part-category = 🗂 Loại vụ việc
report-part-where = 📍 Địa điểm
report-part-describe = ✍️ Nội dung
report-part-media = 📷 Tệp đính kèm
report-part-identity = 🔒 Ẩn danh hay ghi tên
report-back = ◀️ Quay lại

## Đã gửi

report-filed =
    ✅ <b>Đã gửi tin báo của bạn.</b> Cảm ơn bạn!
    Mã theo dõi: <code>{ $code }</code>
    { $urgent ->
        [true] Tiếp theo: công an xã/phường nhận tin ngay bây giờ và, vì là tin khẩn cấp, sẽ tiếp nhận trong vòng { $within }.
       *[other] Tiếp theo: công an xã/phường nhận tin ngay bây giờ và sẽ tiếp nhận trong vòng { $within }.
    }
    Mỗi khi tình trạng tin báo thay đổi, bạn sẽ nhận tin nhắn tại đây. Theo dõi hoặc bổ sung thông tin ở mục <b>{ menu-myreports }</b>.
report-merged = Bạn đã gửi đúng nội dung này cách đây vài phút (mã <code>{ $code }</code>). Để tránh trùng lặp, lần gửi này được thêm vào tin báo đó như thông tin bổ sung. Cảm ơn bạn!
report-sending-needs-text = Tin báo chưa có nội dung. Bạn hãy điền đầy đủ trước.

## Hủy

report-cancel-confirm = Bỏ tin báo chưa gửi này? Mọi thứ bạn đã nhập sẽ bị xóa.
report-cancel-yes = 🗑 Có, bỏ đi
report-cancel-no = Không, làm tiếp
report-discarded = Đã bỏ bản nháp.

## Gợi ý theo bước

report-hint-button = Bạn hãy dùng các nút dưới câu hỏi gần nhất.
report-hint-text = Ở bước này bot cần bạn gõ chữ.
report-hint-location = Hãy gửi vị trí, gõ địa chỉ, hoặc bấm “{ report-where-continue }”.

## Tin báo của tôi

myreports-empty = Bạn chưa gửi tin báo nào. Khi thấy điều gì đáng lo ngại, hãy dùng mục <b>{ menu-report }</b>.
myreports-title = 📂 <b>Tin báo của bạn</b> (trang { $page }/{ $pages }), mới nhất trước:
myreports-line = • <code>{ $code }</code> — { $category } — { $status } — cập nhật { $updated }
myreports-not-found = Không tìm thấy tin báo này trong các tin của bạn.
myreport-detail =
    📄 <b>Tin báo <code>{ $code }</code></b>
    Loại: { $category }
    Tình trạng: <b>{ $status }</b>
    Xã/phường: { $commune }
    Gửi lúc: { $created } ({ $identity })
    Tệp đính kèm: { $attachments }
    { $text }

    <b>Diễn biến</b>
    { $timeline }
myreport-event-filed = { $at } — đã gửi
myreport-event-followup = { $at } — bạn bổ sung thông tin
myreport-event-status = { $at } — { $status }
myreport-event-note = { $at } — cán bộ nhắn
myreport-note = 💬 { $note }
myreport-add = ➕ Bổ sung thông tin
myreport-back = ◀️ Tin báo của tôi
followup-ask = Gửi thêm chữ, ảnh hoặc tệp để bổ sung cho tin báo <code>{ $code }</code>. Xong thì bấm “{ followup-send }”.
followup-send = 📨 Gửi phần bổ sung
followup-cancel = Hủy
followup-received = 📎 Đã nhận: { $texts } đoạn chữ, { $files } tệp. Gửi thêm, hoặc bấm “{ followup-send }”.
followup-empty = Chưa có gì để bổ sung: hãy gửi chữ hoặc ảnh trước.
followup-done = ✅ Đã bổ sung vào tin báo <code>{ $code }</code>. Cán bộ sẽ thấy phần này.
followup-cancelled = Phần bổ sung chưa được gửi.

## Cập nhật tình trạng gửi cho người báo tin

report-status-new = 🆕 Đã nhận
report-status-acknowledged = 👀 Đã tiếp nhận
report-status-in_progress = 🔧 Đang xử lý
report-status-resolved = ✅ Đã giải quyết
report-status-rejected = ❌ Không tiếp nhận
report-status-duplicate = 🔁 Trùng với tin người khác đã báo
report-status-transferred = ↪️ Đã chuyển sang xã/phường khác
report-status-update = 🔔 Tin báo <code>{ $code }</code>: <b>{ $status }</b>
report-status-note = 🔔 Tin báo <code>{ $code }</code> — cán bộ nhắn:

## Bổ sung

report-media-kept = 📎 Đã giữ lại — { $count } tệp sẽ được đính kèm vào tin báo.
report-where-done = ✅ Đã lưu địa điểm.
report-phone-saved = ✅ Đã lưu số điện thoại.
report-phone-skipped = Được, không kèm số điện thoại.
report-hint-media = Ở bước này bạn gửi ảnh, video, tin nhắn thoại hoặc tệp, hoặc bấm “{ report-media-done }”.
report-media-clear = 🗑 Bỏ { $count } tệp đã đính kèm
report-pin-kept = ✅ Đã lưu vị trí.
followup-draft-first = Bạn còn một tin báo chưa gửi. Hãy gửi hoặc /cancel tin đó trước.

# Thời hạn (cài đặt BOT_ACK_URGENT_MINUTES, BOT_ACK_NORMAL_MINUTES, BOT_STALE_DAYS).
due-minutes = { $count } phút
due-hours = { $count } giờ
due-days = { $count } ngày
due-hours-minutes = { $hours } giờ { $minutes } phút

## Cả luồng báo tin

report-flow-back = ◀️ Quay lại
report-flow-cancel = ✖️ Hủy báo tin
report-flow-placeholder = Đang báo tin…
report-flow-keys = 📝 Đang báo tin. Bấm “{ report-flow-back }” để sửa bước trước, “{ report-flow-cancel }” để bỏ.
report-flow-first = Đây là bước đầu tiên.
report-step-toast = Nút đó thuộc bước trước. Câu hỏi hiện tại ở bên dưới.
report-category-explain = ❓ Các loại là gì?
report-category-line = <b>{ $label }</b> — { $description }
report-where-check =
    🤔 “{ $text }”
    Đây là <b>địa chỉ</b>, hay là <b>phần kể lại sự việc</b>? Ở bước này bot cần nơi xảy ra; chuyện đã xảy ra sẽ được hỏi ở bước sau.
report-where-check-address = 📍 Đó là địa chỉ
report-where-check-describe = ✍️ Đó là phần kể lại
report-duplicate =
    🔁 Bạn đã gửi đúng nội dung này cách đây vài phút, trong tin báo <code>{ $code }</code>.
    Bạn muốn gửi thêm ảnh hay thông tin cho tin báo đó, hay viết nội dung khác?
report-duplicate-add = ➕ Bổ sung vào tin báo đó
report-duplicate-rewrite = ✍️ Viết nội dung khác
report-duplicate-switched = Được. Bản nháp này được bỏ; những gì bạn gửi tiếp theo sẽ bổ sung vào tin báo <code>{ $code }</code>.
report-merged-nothing-new = Tin báo <code>{ $code }</code> đã có đúng nội dung này, nên không cần gửi lại. Cảm ơn bạn!
