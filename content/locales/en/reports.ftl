## Incident reports — English. Every message is Telegram HTML; arguments arrive escaped.

cmd-report = Report an incident
cmd-myreports = My reports

## Starting

report-blocked = Sorry, your account can no longer send reports. If you think this is a mistake, please contact the commune police directly.
report-cooldown = 🙏 Thank you for caring about your neighbourhood. You have sent many reports in the last hour; please wait about <b>{ $minutes } minutes</b> before sending another. In an emergency call 113.
report-cooldown-kept = Your draft is kept: press “{ report-send }” again after that.
report-draft-exists = You have a report you have not sent yet. Continue it, or discard it and start again?
report-draft-continue = ▶️ Continue the draft
report-draft-discard = 🗑 Discard and start again
report-step-hint = That button belongs to an earlier step. Here is where you are:

## 1. Urgency

report-urgency-ask = 🚨 <b>Is someone in danger, or is it happening right now?</b>
report-urgency-yes = 🚨 Yes, right now
report-urgency-no = No
report-urgent-call =
    ‼️ <b>Call now:</b>
    📞 <b>113</b> — Police
    📞 <b>114</b> — Fire and rescue
    📞 <b>115</b> — Ambulance
    You can still send this report; it will be marked <b>urgent</b>.

## 2. Category

report-category-ask = What is it about? Pick the closest one:
report-fake-news =
    To check a piece of news or a rumor, please use <b>{ menu-rumor }</b> in the menu — the answer comes from verified official information.
    If it is something else, pick another category:

## 3. Where

report-where-ask =
    📍 <b>Where?</b> Commune: <b>{ $commune }</b>
    • Send a location pin (button below, or 📎 → Location), and/or
    • type an address or a landmark (e.g. “next to Cái Rồng market”).
    Then press “{ report-where-continue }”.
report-where-pin = 📍 Send my location
report-where-change = 🏘 Change commune
report-where-continue = ➡️ Continue
report-where-pin-saved = ✅ Location pin saved. You can also type an address, or press “{ report-where-continue }”.
report-where-pin-far = ⚠️ This pin is far from the area the bot serves. It is kept as it is; the officers will see that it is far.
report-where-address-saved = ✅ Address saved: { $address }. You can also send a pin, or press “{ report-where-continue }”.
report-where-address-long = That address is too long; please keep it under { $max } characters.
report-where-commune-ask = Type the name of the commune or ward where it happened (accents optional):
report-where-commune-back = ◀️ Back
report-where-commune-none = No commune matches “{ $query }”. Try another spelling.
report-where-commune-set = ✅ Commune: <b>{ $commune }</b>.

## 4. What happened

report-describe-ask =
    ✍️ <b>What happened?</b> Describe it in your own words: what, when, who or which vehicle (if known).
    At least { $min } characters.
report-describe-short = That is a little short ({ $length } characters). Please add a few more details — what you wrote is kept, just send the rest.
report-describe-long = Your text has { $length } characters; the limit is { $max }. Send a shorter version, or keep only the first { $max } characters.
report-describe-trim = ✂️ Keep the first { $max } characters
report-media-ask =
    📷 Add photos, videos, voice notes or documents if you have them (up to { $max }).
    Press “{ report-media-done }” when finished — or right away if you have none.
report-media-done = ✅ Done
report-media-received =
    📎 Received { $count } of { $max } files.
    Send more, or press “{ report-media-done }”.
report-media-full = You have already attached { $max } files, the most a report can carry. Press “{ report-media-done }”.
report-media-added-text = ✍️ Added to your description. At this step send photos or files, or press “{ report-media-done }”.

## 5. Who may see it

report-identity-ask =
    🔒 <b>Send it anonymously or with your name?</b>
    Anonymous: officers do not see your name, phone number or Telegram account. They can still write back to you through the bot, and you reply through the bot.
report-identity-anonymous = 🕶 Anonymous (recommended)
report-identity-named = 🙋 With my name
report-phone-ask = Would you like to share your phone number so officers can call you? It is optional.
report-phone-share = 📱 Share my phone number
report-phone-skip = Skip
report-phone-not-yours = Please share your own number with the button below, or press “{ report-phone-skip }”.

## 6. Review

report-review =
    📝 <b>Check your report</b>
    Urgent: { $urgent }
    Category: { $category }
    Commune: { $commune }
    Location pin: { $pin }
    Address: { $address }
    What happened: { $text }
    Attachments: { $attachments }
    Sent as: { $identity }
report-yes = yes
report-no = no
report-none = —
report-pin-set = sent
report-pin-far = sent (⚠️ far from the served area)
report-as-anonymous = anonymous
report-as-named = { $name }
report-as-named-phone = { $name }, { $phone }
report-send = 📨 Send
report-edit = ✏️ Edit a part
report-cancel = 🗑 Cancel
report-edit-ask = Which part do you want to change?
report-part-urgency = 🚨 Urgency
report-part-category = 🗂 Category
report-part-where = 📍 Where
report-part-describe = ✍️ Description
report-part-media = 📷 Attachments
report-part-identity = 🔒 Anonymous or named
report-back = ◀️ Back

## Sent

report-filed =
    ✅ <b>Your report has been sent.</b> Thank you!
    Tracking code: <code>{ $code }</code>
    { $urgent ->
        [true] What happens next: the commune police receive it now and, because it is urgent, should take it up within { $within }.
       *[other] What happens next: the commune police receive it now and should take it up within { $within }.
    }
    You will get a message here whenever its status changes. Follow it or add information in <b>{ menu-myreports }</b>.
report-merged = You sent this same report a few minutes ago (code <code>{ $code }</code>). To avoid a duplicate, this one was added to it as extra information. Thank you!
report-sending-needs-text = The report has no description yet. Please complete it first.

## Cancelling

report-cancel-confirm = Discard this unsent report? Everything you entered will be deleted.
report-cancel-yes = 🗑 Yes, discard it
report-cancel-no = No, continue
report-discarded = The draft has been discarded.

## Step hints

report-hint-button = Please use the buttons under the last question.
report-hint-text = At this step the bot needs text.
report-hint-location = Send a location pin, type an address, or press “{ report-where-continue }”.

## My reports

myreports-empty = You have not sent any report yet. Use <b>{ menu-report }</b> whenever you see something worrying.
myreports-title = 📂 <b>Your reports</b> (page { $page }/{ $pages }), newest first:
myreports-line = • <code>{ $code }</code> — { $category } — { $status } — updated { $updated }
myreports-not-found = That report was not found among yours.
myreport-detail =
    📄 <b>Report <code>{ $code }</code></b>
    Category: { $category }
    Status: <b>{ $status }</b>
    Commune: { $commune }
    Sent: { $created } ({ $identity })
    Attachments: { $attachments }
    { $text }

    <b>History</b>
    { $timeline }
myreport-event-filed = { $at } — sent
myreport-event-followup = { $at } — you added information
myreport-event-status = { $at } — { $status }
myreport-event-note = { $at } — message from the officers
myreport-note = 💬 { $note }
myreport-add = ➕ Add information
myreport-back = ◀️ My reports
followup-ask = Send more text, photos or other files to add to report <code>{ $code }</code>. Press “{ followup-send }” when finished.
followup-send = 📨 Send the addition
followup-cancel = Cancel
followup-received = 📎 Added so far: { $texts } text message(s), { $files } file(s). Send more, or press “{ followup-send }”.
followup-empty = Nothing to add yet: send some text or a photo first.
followup-done = ✅ Added to report <code>{ $code }</code>. The officers will see it.
followup-cancelled = The addition was not sent.

## Status updates sent to the reporter

report-status-new = 🆕 Received
report-status-acknowledged = 👀 Taken up
report-status-in_progress = 🔧 Being handled
report-status-resolved = ✅ Resolved
report-status-rejected = ❌ Not accepted
report-status-duplicate = 🔁 Already reported by someone else
report-status-transferred = ↪️ Transferred to another commune
report-status-update = 🔔 Report <code>{ $code }</code>: <b>{ $status }</b>
report-status-note = 🔔 Report <code>{ $code }</code> — a message from the officers:

## Added along the way

report-media-kept = 📎 Kept — { $count } file(s) will be attached to the report.
report-where-done = ✅ Place saved.
report-phone-saved = ✅ Phone number saved.
report-phone-skipped = OK, without a phone number.
report-hint-media = At this step send photos, videos, voice notes or documents, or press “{ report-media-done }”.
report-media-clear = 🗑 Remove the { $count } attached file(s)
report-pin-kept = ✅ Location pin saved.
followup-draft-first = You have a report you have not sent yet. Send it or /cancel it first.

# Deadlines (settings BOT_ACK_URGENT_MINUTES, BOT_ACK_NORMAL_MINUTES, BOT_STALE_DAYS).
due-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
due-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
due-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
due-hours-minutes = { $hours } h { $minutes } min

## The whole report flow

report-flow-back = ◀️ Back
report-flow-cancel = ✖️ Cancel report
report-flow-placeholder = Reporting…
report-flow-keys = 📝 Reporting. Press “{ report-flow-back }” to change the previous step, “{ report-flow-cancel }” to drop the report.
report-flow-first = This is the first step.
report-step-toast = That button belongs to an earlier step. The current question is below.
report-category-explain = ❓ What do these mean?
report-category-line = <b>{ $label }</b> — { $description }
report-where-check =
    🤔 “{ $text }”
    Is this the <b>address</b>, or <b>what happened</b>? This step asks where it happened; what happened comes next.
report-where-check-address = 📍 It is the address
report-where-check-describe = ✍️ It is what happened
report-duplicate =
    🔁 You sent exactly this a few minutes ago, in report <code>{ $code }</code>.
    Would you like to add photos or information to that report, or write something different?
report-duplicate-add = ➕ Add to that report
report-duplicate-rewrite = ✍️ Write something different
report-duplicate-switched = All right. This draft is dropped; what you send next is added to report <code>{ $code }</code>.
report-merged-nothing-new = Report <code>{ $code }</code> already has exactly this text, so there was nothing to send again. Thank you!
