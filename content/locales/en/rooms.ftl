# Moderator rooms: report cards, triage buttons, relay with reporters, look-up commands.

cmd-queue = Reports waiting for action
cmd-find = Search reports
cmd-stats = Report statistics
cmd-export = Export reports as CSV
cmd-room-report = Open a report by code

rooms-card-alert = ⏫ <b>ESCALATED TO THE PROVINCE</b>
rooms-card-urgent = 🔴 <b>URGENT</b>
rooms-card-title = 📋 <b>Report <code>{ $code }</code></b>
rooms-card-category = 🗂 Category: { $category }
rooms-card-commune = 🏘 Commune: { $commune }
rooms-card-time = 🕒 At: { $time }
rooms-card-address = 📍 Address: { $address }
rooms-card-pin = 📌 Map location attached (see below)
rooms-card-pin-far = 📌 Map location attached — ⚠️ far from the served area
rooms-card-anonymous = 👤 Anonymous reporter #{ $alias }
rooms-card-named = 👤 Reporter: { $reporter }
rooms-card-attachments = 📎 Attachments: { $count } (below)
rooms-card-status = Status: <b>{ $status }</b>
rooms-card-status-by = Status: <b>{ $status }</b> — { $name }, { $time }
rooms-card-escalated = ⏫ Escalated to the province
rooms-card-moved = ↪️ Transferred to <b>{ $commune }</b>; their room takes it from here.

rooms-button-tk = 🙋 Take
rooms-button-ip = 🔧 In progress
rooms-button-rs = ✅ Resolve
rooms-button-rj = ❌ Reject
rooms-button-dp = 🔁 Duplicate of…
rooms-button-tr = ↪️ Transfer
rooms-button-es = ⏫ Escalate
rooms-button-mg = 💬 Message reporter
rooms-button-tl = 🕘 Timeline
rooms-button-ft = 📄 Full text
rooms-button-back = ◀️ Back
rooms-button-more = ⋯ More…
rooms-card-here = ⤴️ Report <code>{ $code }</code> is here.

rooms-reason-spam = Spam or harassment
rooms-reason-insufficient = Not enough information
rooms-reason-not_competent = Not our competence
rooms-reason-false = False report

reporter-reason-spam = Reason: the report was treated as spam or harassment.
reporter-reason-insufficient = Reason: there is not enough information to check it. You can send a new report with more details.
reporter-reason-not_competent = Reason: this is not a matter for the commune police. Please contact the competent authority.
reporter-reason-false = Reason: after checking, the report turned out not to be true.

rooms-done = ✅ Updated
rooms-duplicate-done = 🔁 <code>{ $code }</code> is marked as a duplicate.
rooms-escalated = ⏫ Escalated to the province
rooms-refused-stale = This button is old or does not belong to this room. Nothing changed.
rooms-refused-not-moderator = Only officers in charge of this report's commune can do this.
rooms-refused-state = The report is “{ $status }”; this action no longer applies.
rooms-refused-conflict = Another officer was faster: the report is now “{ $status }”.
rooms-refused-unreachable = The reporter erased their data and can no longer be messaged.
rooms-refused-same-commune = The report already belongs to this commune.
rooms-refused-unknown-code = No original report with that code in the communes you handle.
rooms-refused-same-report = A report cannot duplicate itself.

rooms-ask-message = 💬 Reply to this message with the text or photo to send to the reporter of <code>{ $code }</code>. They will only see “Commune police”, not your name.
rooms-ask-duplicate = 🔁 Reply to this message with the code of the original report that <code>{ $code }</code> duplicates.
rooms-ask-transfer = ↪️ Reply to this message with the name of the commune to transfer <code>{ $code }</code> to.
rooms-ask-text-only = Please reply with text.
rooms-ask-text-or-photo = Please reply with text or a photo.
rooms-transfer-pick = Pick the commune that takes the report (now with { $commune }):
rooms-transfer-none = No commune matches “{ $query }”. Reply to the question above again.

rooms-relay-to-reporter =
    💬 <b>The police of { $commune }</b> about your report <code>{ $code }</code>:

    { $text }

    You can reply to this message (text or a photo) or press the button below.
rooms-relay-photo-to-reporter =
    💬 <b>The police of { $commune }</b> sent you a photo about your report <code>{ $code }</code>.

    You can reply to this message (text or a photo) or press the button below.
rooms-relay-answer-button = ✍️ Answer
rooms-relay-sent = ✅ Sent to the reporter of <code>{ $code }</code>.
rooms-relay-gone = ⚠️ Not delivered: the reporter erased their data.
rooms-relay-blocked = ⚠️ Not delivered: the reporter blocked the bot.
rooms-relay-failed = ⚠️ Not delivered yet, please try again later.
rooms-relay-from-reporter = 💬 <b>Anonymous reporter #{ $alias }</b> answers about report <code>{ $code }</code>:
rooms-quote = { $text }

rooms-answer-ask = ✍️ Write your answer to the police about report <code>{ $code }</code> (text or a photo). Your identity stays hidden.
rooms-answer-busy = You are in the middle of something else. To answer about report <code>{ $code }</code>, reply to the police's message instead.
rooms-answer-kinds = Only text or photos can be sent. Please try again.
rooms-answer-sent = ✅ Your answer about report <code>{ $code }</code> was sent. Your identity stays hidden.
rooms-answer-failed = ⚠️ Your answer could not be sent yet, please try again later.

rooms-followup = ➕ The reporter added to report <code>{ $code }</code>:
rooms-followup-text =
    ➕ The reporter added to report <code>{ $code }</code>:
    { $text }
rooms-reminder-ack = ⏰ { $urgent ->
        [yes] URGENT report <code>{ $code }</code> has not been taken after { $within }. If nobody takes it, it goes to the province.
       *[no] Report <code>{ $code }</code> has not been taken after { $within }. If nobody takes it, it goes to the province.
    }
rooms-reminder-stale = ⏰ Report <code>{ $code }</code> has had no update for { $quiet }. Please update or close it.
rooms-delivery-failed = ⚠️ Report <code>{ $code }</code> could not be posted to the room of { $commune } (bot removed from the group, or a network error). It will be retried; please check the group.

rooms-timeline-title = 🕘 <b>Timeline of report <code>{ $code }</code></b>
rooms-timeline-status = { $at } — { $who }: { $status }
rooms-timeline-filed = { $at } — report filed
rooms-timeline-followup = { $at } — the reporter added information
rooms-timeline-note = { $at } — { $who }: internal note
rooms-timeline-escalated = { $at } — { $who }: escalated to the province
rooms-timeline-message = { $at } — { $who }: messaged the reporter
rooms-timeline-answer = { $at } — the reporter answered
rooms-actor-reporter = Reporter
rooms-actor-moderator = Officer
rooms-actor-system = System

rooms-not-moderator = This command is for the officers in charge of this room's communes.
rooms-queue-empty = 🎉 No reports waiting.
rooms-queue-title = 📥 <b>Open reports: { $total }</b> (page { $page }/{ $pages }, oldest first)
rooms-queue-line = { $urgent ->
        [yes] 🔴
       *[no] ⚪
    } <code>{ $code }</code> — { $category } — { $commune } — { $status } — { $time }
rooms-report-usage = Usage: /report CODE
rooms-report-unknown = No report “{ $code }” in the communes you handle.
rooms-find-usage = Usage: /find words (at least 2 characters)
rooms-find-none = No report matches “{ $query }”.
rooms-find-title = 🔎 <b>{ $count } reports match “{ $query }”</b>
rooms-stats-usage = Usage: /stats 7d, /stats 30d or /stats 90d
rooms-stats-title = 📊 <b>Last { $days } days: { $total } reports</b>
rooms-stats-categories = <b>By category:</b>
rooms-stats-medians = ⏱ Time to take (median): { $ack }
    ⏱ Time to resolve (median): { $resolve }
rooms-stats-chart-categories = By category
rooms-stats-chart-days = By day
rooms-stats-chart-title = { $place } · { $first } – { $last }
rooms-stats-chart-caption = 📊 { $place }, { $first } – { $last }: { $total } reports, { $resolved } resolved, median time to take up { $ack }
rooms-stats-communes = { $count } communes
rooms-export-usage = Usage: /export [from] [to], e.g. /export 2026-11-01 2026-11-30
rooms-export-caption = 📄 { $count } reports. Anonymous reporters appear only by pseudonym.
