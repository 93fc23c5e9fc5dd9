## Verified information: official notices and rumor checks. Every message is HTML.

## Verdict labels

verdict-false = False
verdict-misleading = Partly false / misleading
verdict-true = True
verdict-unverified = Unverified
verdict-out-of-scope = Out of scope

factcheck-card =
    <b>{ $verdict }</b>
    <i>“{ $claim }”</i>

    { $explanation }
    <i>Updated: { $date }</i>
factcheck-sources = Sources: { $sources }
factcheck-correction = 🔄 <b>Correction:</b> the verdict on something you received earlier has been updated.
share = 📤 Share

## Rumor check

rumor-ask =
    🔎 Send the bot what you want checked: type or paste it, forward the message, or send a photo with a caption or a link.
    Tip: next time simply forward the message to the bot.
rumor-need-text = The bot needs text, a photo or a link to check. Please send the message again.
rumor-answer = This has been checked by the authorities:
rumor-candidates = Is it one of these? Tap to see the verdict.
rumor-none-of-these = 🙅 None of these
rumor-not-this = 🙅 That's not what I asked
rumor-filed =
    📨 The bot has no verdict on this yet. { $others ->
        [0] It has been passed to your commune's officers.
       *[other] It has been passed to your commune's officers ({ $others } other people asked about it too).
    }
    You will get the answer as soon as there is one. Meanwhile, please don't share it.
rumor-already-asked = You have already asked about this. Officers are checking it; the bot will tell you the verdict.
rumor-answered = 📬 Officers answered what you asked about:
rumor-answer-out-of-scope = 📬 About what you asked: this is outside what the commune police can verify. Please follow the competent authorities.
rumor-origin-channel = channel
rumor-origin-chat = group
rumor-origin-user = forwarded from a user
rumor-origin-hidden-user = forwarded from a hidden user
rumor-origin-direct = sent by a resident

## Rumor requests (staff)

rumors-title-top = 🔎 <b>Rumors awaiting a check</b> ({ $count }) — most asked first. Pick one:
rumors-title-new = 🔎 <b>Rumors awaiting a check</b> ({ $count }) — newest first. Pick one:
rumors-empty = ✅ No rumor is waiting for a check.
rumors-sort-new = 🕒 Newest first
rumors-sort-top = 👥 Most asked first
rumors-request =
    🔎 <b>Request #{ $id }</b> · 👥 { $askers } asking
    Source: { $origin } · Commune: { $commune }

    { $text }
rumors-new =
    🔎 <b>New rumor to check</b> (#{ $id })

    { $text }
rumors-open = 📂 Open the request
rumors-answer-new = ✍️ Answer with a new fact-check
rumors-link = 🔗 Link an existing fact-check
rumors-out-of-scope = 🚫 Out of scope
rumors-explain = ✍️ Send the explanation for residents (5 to 3000 characters). The rumor's text becomes the claim.
rumors-search = 🔗 Pick a fact-check above, or type words or a fact-check key to search.
rumors-search-none = No fact-check found. Try other words.
rumors-search-results = Pick the fact-check that answers the request:
rumors-closed = ✅ Request #{ $id } closed; telling { $told } people who asked. Fact-check key: <code>{ $code }</code> (edit with /factcheck).
rumors-already-closed = This request has already been handled.
rumors-open-private = The bot cannot message you privately. Open a private chat with the bot, press Start and try again.

## Official notices

info-title = 📢 <b>Official information</b> — page { $page }/{ $pages }. Tap one to read it:
info-empty = 📢 There are no official notices for your commune yet.
notice-card =
    { $icon } <b>{ $title }</b>
    ✅ <i>{ $issuer }</i> · { $date }

    { $body }
notice-source = Source: { $url }
notice-gone = This notice is no longer available.
notice-kind-announcement = Announcement
notice-kind-warning = Warning
notice-kind-positive = Good news
notice-kind-factcheck = Fact-check
notice-choose-scope = 📝 <b>New notice</b>. Who is it for?
notice-choose-kind = For { $scope }. What kind of notice?
notice-ask-title = Type the title (up to 200 characters).
notice-ask-body = Type the text of the notice (up to 3500 characters).
notice-ask-photo = Send one photo for the notice, or skip.
notice-skip-photo = ⏭ Skip photo
notice-preview =
    👀 <b>Preview</b> — for { $scope }

    <b>{ $title }</b>
    ✅ <i>{ $issuer }</i>
    📅 { $expiry }

    { $body }
notice-publish = ✅ Publish now
notice-schedule = 🕒 Schedule
notice-cancel = ✖️ Cancel
notice-ask-time = Type when to publish, Vietnam time, like <code>18:30 25/12</code> (in the future).
notice-published = ✅ Published “{ $title }”. It is being sent to residents who take this kind of notice; progress below.
notice-scheduled = 🕒 “{ $title }” will be published at { $time } and sent to residents then.
notices-manage = 📝 Recent notices. Pick one to edit or withdraw:
notices-manage-empty = There are no notices in your scopes yet.
notice-edit = ✏️ Edit text
notice-withdraw = 🗑 Withdraw
notice-withdrawn = 🗑 Withdrew “{ $title }”: residents no longer see it, what was not sent yet is stopped, and { $deleting } delivered copies (under 48 hours old) are being deleted.
notice-edited = ✏️ Updated “{ $title }”.
notice-one-commune = 🏘 One commune…
notice-ask-commune = 🏘 Type part of the commune's name (diacritics optional), e.g. <code>van don</code>.
notice-commune-choose = Pick the commune, or type another name to search again:
notice-commune-none = No commune you cover matches that. Try another name.
notice-ask-expiry = 📅 Until which day should the notice be shown? Type a date, Vietnam time, like <code>31/12</code> or <code>31/12/2026</code> (not past), or tap “No expiry”.
notice-no-expiry = ♾ No expiry
notice-expiry-none = No expiry
notice-expiry-until = Shown until the end of { $date }
notice-change-issuer = 🏛 Change issuer
notice-ask-issuer = 🏛 The issuer is now <i>{ $issuer }</i>. Type another name (up to 100 characters), or keep it.
notice-issuer-keep = ↩️ Keep it
notice-issuer-invalid = The issuer's name needs 1 to 100 characters. Please type it again.
notice-time-after-expiry = The publication time must come before the notice expires. Please type another time.
notice-edit-title = ✏️ Edit title
notice-edit-expiry = 📅 Change expiry
notice-ask-new-expiry = 📅 Now: { $current }. Type the new last day, like <code>31/12</code> or <code>31/12/2026</code>, or tap “No expiry”.
notice-still-waiting = The bot is waiting for you to type the new text.
notice-expiry-changed = 📅 Updated “{ $title }”: { $expiry }.

## Commands

cmd-rumors = Rumors awaiting a check
cmd-notice = Write an official notice
cmd-notices = Edit or withdraw notices

## Editing fact-checks (staff)

factcheck-edit-usage = Usage: <code>/factcheck KEY</code> — for example <code>/factcheck fc-1a2b3c4d5e</code>
factcheck-edit-refused = No such fact-check in the places you manage.
factcheck-edit-explanation = ✏️ Edit the explanation
factcheck-edit-ask = ✏️ Send the new explanation (5 to 3000 characters).
factcheck-edit-done = 🔄 Fact-check updated; sending the correction to { $sent } people who had the old version.
cmd-factcheck = Edit a fact-check
