## Community groups (tổ tự quản). Every message is HTML.

groups-overview =
    🤝 <b>Community groups of { $commune }</b> ({ $count })
    Your groups are marked ⭐. Choose a kind, or type a hamlet or a name to search (for example: <i>thon 3</i>, <i>khu 5</i>, <i>hoa giai</i>).
groups-overview-empty =
    🤝 <b>Community groups of { $commune }</b>
    No groups are listed for your commune yet. The commune police add them; ask your hamlet head.
groups-no-commune = Choose your commune first in ⚙️ Settings, then open 🤝 Community groups again.
groups-start-first = Please send /start to the bot first.
groups-search-hint = Type a hamlet or a group name to search, or open 🤝 Community groups again.
groups-search-none = No group matches “{ $query }”. Try a shorter word, for example <i>thon 3</i>.
groups-search-found = 🔎 { $count } group(s) match “{ $query }”:
groups-kind-page =
    <b>{ $kind }</b>
    <i>{ $description }</i>
    Page { $page } of { $pages }

group-card =
    { $icon } <b>{ $name }</b>
    { $kind }
    📍 { $place }
    👥 { $members } member(s)
group-card-description = { $text }
group-card-meeting = 🕒 Meetings: { $text }
group-card-contact = 📞 Contact: { $text }
group-card-mediation = ⚖️ You may ask this team for mediation. It is not a police report.
group-card-archived = 🗄 This group is archived.
group-standing-member = ✅ You are a member.
group-standing-pending = ⏳ Your request is waiting for the leaders' answer.
group-standing-leader = 🛠 You lead this group.
group-join = 🙋 Ask to join
group-join-message = ✍️ Ask to join, with a message
group-join-ask = 🙋 Ask to join the group
group-leave-member = 🚪 Leave the group
group-leave-pending = ↩️ Withdraw my request
group-leave-confirm = Leave <b>{ $name }</b>? You also leave its chat, if it has one.
group-leave-yes = 🚪 Yes, leave
group-notices = 📢 The group's notices
group-chat = 💬 The group's chat
group-chat-open = 💬 Open the group chat
group-chat-invite = 💬 Your invitation to the chat of <b>{ $name }</b>. The link is for you only: anyone else who uses it is not let in.
group-mediation = ⚖️ Request mediation
group-leader-tools = 🛠 Leader tools
group-manage = ⚙️ Manage (moderators)
group-back = ⬅️ All groups
group-back-card = ⬅️ Back to the group
group-open = 🤝 Open the group
group-ask-message = Write a short message to the leaders (at most { $max } characters): who you are, why you want to join. Do not write your phone number unless you want them to have it.
group-requested = ⏳ Your request to join <b>{ $name }</b> was sent to its leaders. You will be told their answer here.
group-notices-none = <b>{ $name }</b> has no notices yet.
group-notices-title = 📢 Notices of <b>{ $name }</b>:
group-mediation-ask =
    ⚖️ Describe the dispute briefly (at most { $max } characters) for the mediation team <b>{ $name }</b>.
    This is <b>not a police report</b>: for a crime or danger use /report, or call 113.
group-mediation-need-text = Please describe the dispute in a few words of text.
group-mediation-sent = ⚖️ Your request was sent to the leaders of <b>{ $name }</b>, and noted by the commune police. It is not a police report. You will be told when the team takes it up.

group-request =
    🙋 <b>{ $name }</b> asks to join <b>{ $group }</b>.
    Message: { $message }
group-request-line =
    🙋 <b>{ $name }</b>
    Message: { $message }
group-approve = ✅ Approve
group-decline = ❌ Decline
group-approved = ✅ { $name } is now a member of { $group }.
group-declined = ❌ The request of { $name } to join { $group } was declined.
group-requests-none = No requests are waiting.
group-leader-card =
    🛠 <b>{ $name }</b>
    👥 { $members } member(s) · ⏳ { $pending } request(s) waiting
    💬 { $chat }
group-chat-linked = group chat linked
group-chat-unlinked = no group chat linked
group-requests = ⏳ Requests ({ $count })
group-members = 👥 Members
group-members-page =
    👥 <b>{ $total } member(s)</b> — page { $page } of { $pages }
    { $names }
    Tap a name to remove that member.
group-post-notice = 📢 Post a notice to members
group-edit-description = ✏️ Description
group-edit-meeting = 🕒 Meetings
group-edit-contact = 📞 Public contact
group-link-chat = 💬 Link the group chat
group-story = 🌟 Send a positive story
group-remove-ask = Why is <b>{ $name }</b> removed? The member is told this reason (at most { $max } characters).
group-remove-need-reason = Please write the reason in a few words.
group-removed = ➖ { $name } was removed from { $group } and told why; they are out of the group chat too.
group-notice-ask = 📢 Write the notice for the members of <b>{ $name }</b>. The first line is its title. Only the members receive it.
group-need-text = Please send it as text.
group-edit-ask-d = ✏️ Write the new description of <b>{ $name }</b>.
group-edit-ask-m = 🕒 When and where does <b>{ $name }</b> meet? Send “-” to remove it.
group-edit-ask-c = 📞 The public contact of <b>{ $name }</b> (only what you choose to publish). Send “-” to remove it.
group-link-how =
    💬 To link the group's Telegram chat:
    1. Add this bot to the chat as an administrator, with the right to invite users.
    2. Send <code>/linkgroup { $id }</code> in the chat.
    The bot then lets in approved members only and declines other join requests.
group-story-ask = 🌟 Send the positive story (a lost wallet returned, a patrol that stopped a theft…): a text, or a photo with the story as its caption. The commune police will publish it, edit it or decline it.
group-story-need-text = Please send the story as text, or as a photo with a caption.
group-story-sent = 🌟 Thank you! The story from <b>{ $name }</b> was sent to the commune police for publication.
group-mediation-request =
    ⚖️ <b>Mediation request</b> to <b>{ $group }</b> from <b>{ $name }</b>:
    { $text }
    <i>Not a police report.</i>
group-mediation-accept = 🤝 We take it up
group-mediation-accepted =
    🤝 You took up the mediation request of <b>{ $name }</b>:
    { $text }
group-mediation-record =
    📝 <b>Record</b>: mediation request to <b>{ $group }</b> ({ $commune }) from <b>{ $name }</b>:
    { $text }
    <i>Not a police report; the team's leaders have it.</i>

group-told-approved = ✅ Welcome! You are now a member of <b>{ $name }</b>.
group-told-declined = Your request to join <b>{ $name }</b> was not accepted.
group-told-removed =
    You were removed from <b>{ $name }</b>.
    Reason: { $reason }
group-told-archived = 🗄 <b>{ $name }</b> has been archived by the commune; you are no longer a member.
group-told-merged = 🔀 <b>{ $name }</b> has joined <b>{ $into }</b>; you are now a member of <b>{ $into }</b>.
group-told-mediation =
    🤝 The team <b>{ $name }</b> took up your mediation request.
    Meetings: { $meeting }
    Contact: { $contact }

group-link-in-group = Send /linkgroup in the group chat you want to link.
group-link-usage = Usage: <code>/linkgroup GROUP_ID</code> (the number is on the leader tools' “Link the group chat”).
group-link-need-admin = Make the bot an administrator of this chat with the right to invite users, then send /linkgroup again.
group-linked = 💬 This chat is linked to <b>{ $name }</b>. From now on the bot lets in its approved members and declines other join requests.
group-chat-declined = This chat is for members of <b>{ $name }</b>, so your request was declined. Ask to join the group first; once a leader approves you, you get an invitation.

group-staff-card =
    ⚙️ <b>#{ $id } { $name }</b>
    { $kind } · { $commune }
    Leaders: { $leaders }
    👥 { $members } member(s) · ⏳ { $pending } request(s) · { $status }
group-no-leader = none yet
group-status-active = active
group-status-archived = archived
group-appoint = 👤 Appoint a leader
group-archive = 🗄 Archive
group-merge = 🔀 Merge into…
group-appoint-ask = 👤 Who is the new leader of <b>{ $name }</b>? Share their contact (📎 → Contact), forward a message of theirs, or send their Telegram id (a number).
group-appoint-ask-id = That does not tell who the person is. Share their Telegram contact, forward a message of theirs (if they let forwards show their name), or send their Telegram id as a number, e.g. 123456789.
group-leader-added = 👤 { $who } now leads <b>{ $name }</b>.
group-leader-removed = 👤 { $who } no longer leads <b>{ $name }</b>.
group-leader-unchanged = Nothing changed: { $who } and <b>{ $name }</b> were already so.
group-leader-usage = Usage: <code>/groupleader GROUP_ID USER_ID</code>, or <code>/groupleader GROUP_ID USER_ID remove</code>.
group-archive-confirm = Archive <b>{ $name }</b>? It disappears from residents' lists and every member is told.
group-archive-yes = 🗄 Yes, archive
group-archived = 🗄 Archived; { $count } member(s) told.
group-merge-ask = 🔀 Send the number (#) of the group of the same commune that <b>{ $name }</b> joins. Its members move there and are told.
group-merge-ask-id = Please send the group's number, e.g. 12.
group-merged = 🔀 Merged; { $count } member(s) told.
group-new-commune = Which commune is the new group in? Send its code (e.g. 6994) or its name.
group-new-commune-again = That is not a commune you moderate. Send its code (e.g. 6994) or its exact name.
group-new-kind = What kind of group, in <b>{ $commune }</b>?
group-new-name = The group's name (at most { $max } characters), e.g. <i>Tổ liên gia tự quản thôn 3</i>.
group-new-hamlet = Its hamlet or area (thôn, khu, bản, tổ dân phố), or “-” to skip.
group-new-description = A short description, or “-” to skip.

group-story-card =
    🌟 <b>Positive story</b> from <b>{ $group }</b> ({ $commune }) — draft
    <b>{ $title }</b>
    { $text }
group-story-publish = ✅ Publish
group-story-edit = ✏️ Edit
group-story-decline = ❌ Decline
group-story-published = 🌟 Published as positive news: <b>{ $title }</b>
group-story-declined = ❌ Story declined: <b>{ $title }</b>
group-story-edit-ask = ✏️ Send the new text of the story (the first line is its title).
group-story-edit-private = ✏️ I wrote to you in private: send the new text there.
group-story-edit-start-bot = Open a private chat with the bot (send /start) and tap Edit again.
group-story-edited =
    ✏️ <b>{ $title }</b>
    { $text }

groups-stats-title = 🤝 <b>Community groups</b>: { $total } active
groups-stats-communes = <b>By commune</b> (most first):
groups-stats-no-leader = <b>Without a leader</b>: { $count }
groups-stats-old-requests = <b>With requests waiting over 3 days</b>: { $count }
groups-stats-chart-kinds = Groups by kind
groups-stats-chart-communes = Groups by commune

refusal-already-member = You are already in this group (or your request is waiting).
refusal-already-pending = Your request to join is already waiting for the leaders.
refusal-bad-merge = A group can only merge into another active group of the same commune.
refusal-bad-name = The name must have 1 to { $max } characters.
refusal-chat-unavailable = The group's chat cannot be reached now; please ask the group's leaders to check the bot's rights there.
refusal-group-gone = This group no longer exists or has been archived.
refusal-mediation-length = Please describe the dispute in { $min } to { $max } characters.
refusal-member-gone = That person is no longer a member.
refusal-message-too-long = The message may have at most { $max } characters.
refusal-no-chat = This group has no chat linked.
refusal-not-leader = Only this group's leaders (and the commune police) can do that.
refusal-not-member = Only members of this group can do that.
refusal-not-moderator = Only the commune police of this group's commune can do that.
refusal-notice-gone = This notice is no longer available.
refusal-reason-length = The reason must have 1 to { $max } characters.
refusal-request-answered = This request has already been answered.
refusal-request-gone = This request no longer exists.
refusal-story-gone = This story no longer exists.
refusal-story-published = This story has already been published.
refusal-story-declined = This story has already been declined.
refusal-text-length = The text must have 10 to { $max } characters.
refusal-unknown-kind = Unknown kind of group: { $kind }.
refusal-leader-is-per-group = Group leaders are appointed per group: use /groupleader GROUP_ID USER_ID (or a group's ⚙️ Manage card).

mydata-groups = <b>Community groups</b>: { $groups }
mydata-group-member = { $name } (member)
mydata-group-pending = { $name } (request waiting)
mydata-group-leader = { $name } (leader)
flow-groups = community groups
cmd-newgroup = Create a community group
cmd-groups = Community groups: figures
cmd-groupleader = Appoint a group's leader
cmd-linkgroup = Link this chat to a community group
group-told-appointed = 🛠 You are now a leader of <b>{ $name }</b>. Open the group and tap 🛠 Leader tools to answer requests, post notices and more.
