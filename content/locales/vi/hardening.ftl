## Nội dung dài: bước nào không giữ được hết nội dung thì nói rõ, và bỏ bao nhiêu.
text-too-long = Nội dung dài { $length } ký tự, tối đa ở đây là { $max }. Chưa lưu gì cả: bạn hãy gửi bản ngắn hơn.
report-describe-trimmed = ✂️ Đã giữ { $kept } ký tự đầu; bỏ { $cut } ký tự cuối.
report-media-text-not-added = Đoạn này ({ $length } ký tự) chưa được thêm: phần mô tả chỉ còn chỗ cho { $room } ký tự. Hãy gửi đoạn ngắn hơn, ảnh hoặc tệp, hoặc bấm “{ report-media-done }”.
followup-too-long = Nội dung dài { $length } ký tự; lần bổ sung này chỉ còn chỗ cho { $room } ký tự. Chưa thêm gì cả: bạn hãy gửi bản ngắn hơn.
rumor-cut = ✂️ Tin bạn gửi dài { $length } ký tự: đã chuyển { $kept } ký tự đầu, bỏ { $cut } ký tự cuối.
relay-part = ({ $part }/{ $parts })

## Chặn người báo tin (mà không ai biết là ai).
rooms-button-bl = 🚫 Chặn người báo tin
rooms-block-reason-spam = 🚫 Tin rác, quấy rối
rooms-block-reason-false = 🚫 Nhiều lần báo tin sai sự thật
rooms-block-reason-abuse = 🚫 Lăng mạ, đe dọa cán bộ
rooms-card-blocked = 🚫 Người báo tin đã bị chặn: không gửi được tin báo mới
rooms-blocked = 🚫 Đã chặn người báo tin. Danh tính của họ vẫn được giữ kín.
rooms-refused-blocked = Người báo tin của tin báo này đã bị chặn rồi.
rooms-timeline-blocked = { $at } — { $who }: chặn người báo tin
rooms-timeline-unblocked = { $at } — { $who }: bỏ chặn người báo tin
cmd-unblockreporter = Bỏ chặn người báo tin của một tin báo
unblock-usage = Cách dùng: /unblockreporter MÃ_TIN_BÁO
unblock-refused = Xin lỗi, chỉ quản trị tỉnh nơi có tin báo này hoặc quản trị hệ thống mới bỏ chặn được.
unblock-unknown = Không tìm thấy tin báo <code>{ $code }</code>.
unblock-done = ✅ Đã bỏ chặn người báo tin của tin báo <code>{ $code }</code>. Danh tính của họ vẫn được giữ kín.
unblock-already = Người báo tin của tin báo <code>{ $code }</code> không bị chặn.
unblock-gone = Người báo tin của tin báo <code>{ $code }</code> đã xóa dữ liệu của mình.
