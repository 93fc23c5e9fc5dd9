## Broadcasts

broadcast-progress =
    <b>{ $title }</b>
    📤 { $figures }
broadcast-sent = Sent { $sent } / { $total }
broadcast-not-received = { $count } not received
broadcast-eta = about { $minutes } min left
broadcast-quiet = { $count } waiting for quiet hours to end
broadcast-waiting = will be sent to residents at the publication time
broadcast-preparing = listing the recipients
broadcast-cancelled = stopped, { $count } will not receive it
broadcast-withdrawn = withdrawn, { $count } delivered copies deleted
broadcast-done = done
broadcast-cancel = ⛔ Stop broadcast #{ $id }
broadcast-stopped = Stopped. { $count } people will not receive it.
broadcast-already-over = This broadcast is already over.
broadcast-title-notice = ✅ Published { $icon } “{ $title }”
broadcast-title-scheduled = 🕒 { $icon } “{ $title }” will be published at { $time }
broadcast-title-other = Broadcast #{ $id }
broadcast-title-correction = 🔄 Correction: { $claim }
broadcast-title-rumor = 🔎 Answer to rumor #{ $id }
broadcasts-none = There are no broadcasts you may see yet.
broadcasts-title = 📤 <b>Recent broadcasts</b>
broadcasts-line =
    <b>#{ $id }</b> { $title }
    { $figures }
cmd-broadcasts = Broadcast progress, stop a broadcast

## Notification choices

settings-notifications = 🔔 Choose notifications
notifications-title =
    🔔 <b>Notifications you receive</b>
    { $summary }

    Tap to turn each kind on or off. Urgent warnings always come at once, even in quiet hours.
notify-warnings = ⚠️ Warnings: { $state }
notify-announcements = 📢 Announcements: { $state }
notify-positive = 🌟 Positive news: { $state }
notify-warnings-short = warnings
notify-announcements-short = announcements
notify-positive-short = positive news
notifications-none = no notifications
notify-quiet = 🌙 Quiet hours: { $quiet }
quiet-hours = quiet { $start }–{ $end }
quiet-none = no quiet hours
quiet-choose = 🌙 During quiet hours, notices that are not urgent wait until the hours end. Choose the hours:
quiet-set = 🌙 Quiet hours saved.
switch-on = on
switch-off = off
switch-now-on = 🔔 Turned on.
switch-now-off = 🔕 Turned off.
back = ⬅️ Back

## Composing a notice: urgency

notice-urgent-on = ⚡ Urgent: sent at once, even during residents' quiet hours.
notice-urgent-off = 🌙 Not urgent: residents in their quiet hours get it when those end.
notice-urgent-set = ⚡ Mark urgent
notice-urgent-unset = 🌙 Not urgent
