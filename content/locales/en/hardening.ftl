## Long texts: a step that cannot keep all of a text says so, and by how much.
text-too-long = Your text has { $length } characters; the most here is { $max }. Nothing of it was kept: please send a shorter version.
report-describe-trimmed = ✂️ Kept the first { $kept } characters; the last { $cut } were left out.
report-media-text-not-added = This text ({ $length } characters) was not added: the description can take { $room } more characters. Send a shorter text, photos or files, or press “{ report-media-done }”.
followup-too-long = Your text has { $length } characters; this addition can take { $room } more. Nothing of it was added: please send a shorter version.
rumor-cut = ✂️ Your message has { $length } characters: the first { $kept } were passed on, the last { $cut } were left out.
relay-part = ({ $part }/{ $parts })

## Blocking a reporter (without anyone learning who it is).
rooms-button-bl = 🚫 Block reporter
rooms-block-reason-spam = 🚫 Spam or harassment
rooms-block-reason-false = 🚫 Repeated false reports
rooms-block-reason-abuse = 🚫 Insults or threats to officers
rooms-card-blocked = 🚫 The reporter is blocked: they cannot file new reports
rooms-blocked = 🚫 Reporter blocked. Their identity stays hidden.
rooms-refused-blocked = The reporter of this report is already blocked.
rooms-timeline-blocked = { $at } — { $who }: blocked the reporter
rooms-timeline-unblocked = { $at } — { $who }: unblocked the reporter
cmd-unblockreporter = Unblock the reporter of a report
unblock-usage = Usage: /unblockreporter REPORT_CODE
unblock-refused = Sorry, only an admin of this report's province or a superadmin can unblock.
unblock-unknown = No report <code>{ $code }</code> was found.
unblock-done = ✅ The reporter of report <code>{ $code }</code> is unblocked. Their identity stays hidden.
unblock-already = The reporter of report <code>{ $code }</code> is not blocked.
unblock-gone = The reporter of report <code>{ $code }</code> erased their data.
