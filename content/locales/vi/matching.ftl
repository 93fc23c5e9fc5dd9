## Đối chiếu tin đồn với kết luận đã có. Mọi tin nhắn là HTML.

match-suggest =
    🤔 <b>Có phải tin này không?</b>
    { $verdict } — <i>{ $claim }</i>
match-others = Hoặc một trong các tin sau:
match-confirm = ✅ Đúng tin này, xem kết luận

## /rumors → thống kê đối chiếu cho cán bộ

match-stats-open = 📊 Thống kê đối chiếu
match-stats-title = 📊 <b>Người dân phản hồi về các kết luận</b> (nhiều nhất trước)
match-stats-empty = 📊 Chưa có phản hồi nào của người dân về các kết luận.
match-stats-line =
    <b>{ $code }</b> — <i>{ $claim }</i>
    trả lời thẳng { $direct } · gợi ý { $suggested } · xác nhận { $confirmed } · chọn từ danh sách { $chosen } · "không phải" { $refused }
match-stats-back = ⬅️ Về danh sách tin đồn
