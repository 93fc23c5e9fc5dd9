## Bình Yên — English. Every message is Telegram HTML; arguments arrive escaped.

## Welcome

start-greeting =
    Hello! This is <b>Bình Yên</b> — the public-safety assistant of the commune where you live.
    • Report theft, drugs, scams, fights, fire risks… (anonymously if you wish) and follow what happens.
    • Get verified official information, check rumors, and join local self-managed groups.
start-welcome-back = Welcome back! Your commune: <b>{ $commune }</b>.
emergency =
    🚨 <b>Emergency?</b> Call <b>113</b> (police), <b>114</b> (fire and rescue), <b>115</b> (ambulance) now.
    This bot is <b>not</b> an emergency line and may not answer right away.

## Privacy

privacy-notice =
    🔒 <b>Privacy</b>
    The bot stores: your Telegram id, language, the commune you choose, your notification setting and what you send through it (reports, photos, locations).
    Why: to route reports to the right commune police, tell you how they are handled, and send you official local information.
    Anonymous reports never show your name, phone number or account to officers or anyone else.
    See your data: /mydata. Delete it: /deleteme.
privacy-accept = ✅ I agree
privacy-accepted = Thank you for agreeing.
privacy-needed = Please read and accept the privacy notice above to continue (press “{ privacy-accept }”).

## Choosing the commune

commune-ask =
    📍 Which commune or ward do you live in?
    Type part of its name, accents optional — for example <code>van don</code> — or pick from the list.
commune-browse = 📋 Pick from the list
commune-matches = Pick your commune:
commune-no-match = No commune matches “{ $query }”.
commune-suggestions = Did you mean:
commune-try-again = Try another spelling (accents optional) or pick from the list.
commune-too-short = Please type at least 2 letters of the commune's name.
commune-page = { $province } — page { $page }/{ $pages }. Pick your commune:
commune-saved = ✅ Your commune is saved: <b>{ $commune }</b>.
commune-unknown = That commune is not served by this bot. Please pick again.
page-previous = ◀️ Previous
page-next = Next ▶️

## Main menu

menu-report = 🚨 Report an incident
menu-info = 📢 Official information
menu-rumor = 🔎 Check a rumor
menu-groups = 🤝 Community groups
menu-myreports = 📂 My reports
menu-settings = ⚙️ Settings
menu-ready = You are all set. Choose an item on the keyboard below.
menu-placeholder = Choose an item…

## Help

help =
    <b>Bình Yên</b> helps you:
    🚨 <b>Report an incident</b> — tell the commune police, anonymously if you wish, with photos and a location.
    📢 <b>Official information</b> — verified notices and warnings.
    🔎 <b>Check a rumor</b> — send or forward a message to check it.
    🤝 <b>Community groups</b> — join local security and mediation teams.

    Commands: /start · /settings · /language · /mydata · /deleteme · /cancel
    { emergency }

## Settings

settings-title =
    ⚙️ <b>Settings</b>
    Language: { $language }
    Commune: { $commune }
    Notifications: { $notifications }
settings-language = 🌐 Language
settings-commune = 📍 Change commune
commune-not-set = not chosen
language-name = English
language-choose = Chọn ngôn ngữ / Choose your language:
language-set = Switched to English.

## Personal data

mydata =
    🗂 <b>What the bot holds about you</b>
    Telegram id: <code>{ $telegram_id }</code>
    Language: { $language }
    Commune: { $commune }
    Notifications: { $notifications }
    Privacy notice accepted: { $privacy }
    First used the bot: { $created }
    Roles: { $roles }
    In progress: { $draft }
flow-commune = choosing a commune
mydata-none = none
mydata-resident = resident
deleteme-confirm =
    ⚠️ Delete all your personal data?
    The bot will forget your Telegram id, settings, drafts and roles. Reports you filed stay so the police can handle them, but they will no longer be linked to you and you will not get updates about them.
deleteme-yes = 🗑 Delete my data
deleteme-no = No, keep it
deleteme-done = Your data has been deleted. Thank you for being with us. Send /start to use the bot again.
deleteme-cancelled = Cancelled. Your data is unchanged.
nothing-to-cancel = There is nothing in progress to cancel.
cancelled = Cancelled.

## Roles

role-leader = group leader
role-moderator = commune moderator
role-admin = province admin
role-superadmin = superadmin
role-at = { $role } ({ $place })
grant-usage =
    Usage: <code>/grant ID moderator COMMUNE_CODE</code> or <code>/grant ID admin PROVINCE_CODE</code>
    Example: <code>/grant 123456789 moderator 6994</code>
revoke-usage = Usage: <code>/revoke ID moderator COMMUNE_CODE</code> or <code>/revoke ID admin PROVINCE_CODE</code>
grant-done = ✅ Granted { $role } to <code>{ $user }</code>.
grant-existed = User <code>{ $user }</code> already has the role { $role }.
revoke-done = ✅ Revoked { $role } from <code>{ $user }</code>.
revoke-none = User <code>{ $user }</code> does not have the role { $role }.
roles-title = <b>Granted roles</b>
roles-empty = No roles have been granted yet.
refusal-not-staff = Sorry, this command is only for authorised staff.
refusal-only-superadmin-grants-admin = Sorry, only a superadmin can grant the province admin role.
refusal-not-admin-of-province = Sorry, you are not an admin of { $province }.
refusal-not-moderator-of-commune = Sorry, you may not manage { $commune }.
refusal-admin-needs-province = The province admin role needs a province code (e.g. 22).
refusal-role-needs-commune = This role needs a commune code (e.g. 6994).
refusal-province-not-served = Province { $province } is not served by this bot.
refusal-commune-not-served = Commune { $commune } is not served by this bot.

## Moderator rooms

linkroom-usage =
    Send this command in the moderators' group:
    <code>/linkroom COMMUNE_CODE</code> — e.g. <code>/linkroom 6994</code>
    <code>/linkroom COMMUNE_CODE CATEGORY</code> — a room for one report category
    <code>/linkroom province PROVINCE_CODE</code> — the province admins' room
linkroom-not-group = Send /linkroom inside the Telegram group that will be the moderator room.
linkroom-bot-not-admin = The bot must be an administrator of this group. Make it an admin, then send the command again.
linkroom-done = ✅ This group is now the moderator room of <b>{ $place }</b>.
linkroom-done-category = ✅ This group is now the moderator room of <b>{ $place }</b> for <b>{ $category }</b> reports.
linkroom-existed = This group was already linked to <b>{ $place }</b>.
room-help =
    This is a moderators' room. The bot posts residents' reports here.
    /linkroom — link this group to a commune · /help — help

## Errors and bad input

error-generic = 😔 Sorry, something went wrong. Please try again in a few minutes. In an emergency call 113.
unknown-command = The bot does not know that command. Send /help to see what it can do.
unsupported-message = The bot cannot handle this kind of message yet. Use the menu buttons below or send /help.
text-expected = At this step the bot needs text. { $hint }
button-stale = This button is old or no longer valid.
button-done = Done.
edited-ignored = The bot does not read edited messages. If something changed, please send a new message.
blocked = Sorry, your account has been suspended from this feature. If this is a mistake, please contact the commune police.
need-start = You have not finished getting started. Send /start to continue.

## Command list

cmd-start = Start / main menu
cmd-help = Help
cmd-settings = Settings
cmd-language = Change language
cmd-mydata = My data
cmd-deleteme = Delete my data
cmd-cancel = Cancel what is in progress
cmd-linkroom = Link this group as a moderator room
cmd-grant = Grant a role
cmd-revoke = Revoke a role
cmd-roles = List roles
