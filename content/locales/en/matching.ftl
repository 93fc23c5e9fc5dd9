## Matching rumors against existing verdicts. Every message is HTML.

match-suggest =
    🤔 <b>Is it this one?</b>
    { $verdict } — <i>{ $claim }</i>
match-others = Or one of these:
match-confirm = ✅ Yes, this one: show the verdict

## /rumors → matching statistics for officers

match-stats-open = 📊 Matching statistics
match-stats-title = 📊 <b>Residents' feedback on verdicts</b> (most first)
match-stats-empty = 📊 No feedback from residents on any verdict yet.
match-stats-line =
    <b>{ $code }</b> — <i>{ $claim }</i>
    answered { $direct } · suggested { $suggested } · confirmed { $confirmed } · chosen from a list { $chosen } · "not this" { $refused }
match-stats-back = ⬅️ Back to the rumor list
