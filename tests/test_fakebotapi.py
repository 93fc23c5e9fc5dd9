"""Tests of the fake Telegram Bot API server, driven by the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    KeyboardButton,
    MessageOriginUser,
    ReplyKeyboardMarkup,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter
from telegram.ext import ContextTypes, MessageHandler, filters

from tests.fakebotapi import FakeBotAPI, parse_html, utf16_len
from tests.fakebotapi.html import EntityParseError

pytestmark = pytest.mark.asyncio

ALICE, BOB = 1001, 1002
ROOM = -100200


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        server.add_user(ALICE, "Alice", username="alice", language_code="vi")
        server.add_user(BOB, "Bob")
        server.add_group(ROOM, "Phòng trực ban Vân Đồn", bot_status="administrator")
        server.add_member(ROOM, ALICE, "member")
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with api.make_bot() as client:
        yield client


def texts(updates: Sequence[Update]) -> list[str | None]:
    return [u.message.text if u.message else None for u in updates]


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in datas]])


async def raw_call(api: FakeBotAPI, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.post(api.url + path, **kwargs) as r:
        return r.status, await r.json()


# ---- basics & wire format -----------------------------------------------------------------
async def test_send_message_is_answered_and_recorded(api: FakeBotAPI, bot: Bot) -> None:
    sent = await bot.send_message(
        ALICE, "<b>Chào</b> Alice", parse_mode="HTML", reply_markup=keyboard("yes", "no")
    )
    assert sent.text == "Chào Alice"
    assert sent.message_id == 1
    assert sent.reply_markup == keyboard("yes", "no")
    assert (await bot.send_message(ALICE, "again")).message_id == 2
    call = api.requests_for("sendMessage")[0]
    assert call.ok
    assert call.params["chat_id"] == ALICE
    assert call.params["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == "no"
    first = api.messages_to(ALICE)[0]
    assert (first["text"], first["html"], first["kind"]) == (
        "Chào Alice",
        "<b>Chào</b> Alice",
        "text",
    )
    assert first["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    assert api.last_message(ALICE)["text"] == "again"


async def test_string_params_stay_strings_json_and_query_bodies(api: FakeBotAPI) -> None:
    token = api.token
    status, body = await raw_call(
        api, f"/bot{token}/sendMessage", data={"chat_id": str(ALICE), "text": "123"}
    )
    assert status == 200
    assert body["result"]["text"] == "123"
    status, body = await raw_call(
        api,
        f"/bot{token}/sendMessage",
        json={
            "chat_id": ALICE,
            "text": "true",
            "reply_markup": {"inline_keyboard": [[{"text": "a", "url": "t.me"}]]},
        },
    )
    assert status == 200, body
    assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["url"] == "t.me"
    status, body = await raw_call(api, f"/bot{token}/sendMessage?chat_id={ALICE}&text=q")
    assert (status, body["result"]["text"]) == (200, "q")
    assert [r.params["text"] for r in api.requests] == ["123", "true", "q"]


async def test_wrong_token_and_unknown_method(api: FakeBotAPI) -> None:
    status, body = await raw_call(api, "/bot123:wrongtoken/getMe")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    status, body = await raw_call(api, "/botgarbage/getMe")
    assert (status, body["description"]) == (404, "Not Found")
    status, body = await raw_call(api, f"/bot{api.token}/sendTelepathy")
    assert (status, body["description"]) == (404, "Not Found")
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with Bot("123:wrongtoken", base_url=api.base_url):
            pass
    # method names are case-insensitive, like Telegram's
    status, body = await raw_call(api, f"/bot{api.token}/GETME")
    assert status == 200 and body["result"]["username"] == "binhyen_test_bot"


async def test_unknown_chat_is_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hello")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message("@nobody_here", "hello")


async def test_blocked_user_and_kicked_group_are_forbidden(api: FakeBotAPI, bot: Bot) -> None:
    api.block_bot(ALICE)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ALICE, "hi")
    last_words = api.send_text(ALICE, "sent just before blocking")
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.message_id == last_words["message_id"]
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await update.message.reply_text("too late")
    api.unblock_bot(ALICE)
    await bot.send_message(ALICE, "hi again")
    api.set_bot_status(ROOM, "kicked", by_user_id=ALICE)
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(ROOM, "hi")
    assert api.pending_updates[-1]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    api.add_user(1003, "Chưa bắt đầu", started=False)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(1003, "hi")


# PTB itself warns (deprecated int retry_after) whenever it builds a RetryAfter.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limit_injection(api: FakeBotAPI, bot: Bot) -> None:
    api.fail_with_429("sendMessage", times=2, retry_after=7)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE, "hi")
        assert "Retry in 7 seconds" in str(caught.value)  # PTB read parameters.retry_after
    await bot.send_message(ALICE, "third time lucky")
    assert api.requests[-2].description == "Too Many Requests: retry after 7"
    assert api.requests[-2].parameters == {"retry_after": 7}
    assert [r.error_code for r in api.requests_for("sendMessage")] == [429, 429, None]
    api.fail_with_429(chat_id=ROOM, retry_after=3)
    await bot.send_message(ALICE, "other chat is fine")
    with pytest.raises(RetryAfter):
        await bot.send_message(ROOM, "flood")
    await bot.send_message(ROOM, "ok now")


# ---- HTML and lengths ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("a < b", 'Unsupported start tag ""'),
        ("dòng 1<br>dòng 2", 'Unsupported start tag "br" at byte offset 7'),
        ("<p>x</p>", 'Unsupported start tag "p"'),
        ("<b>unclosed", "Can't find end tag corresponding to start tag b"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag"),
        ("AT&T", 'unescaped "&"'),
        ("&copy; 2025", 'unescaped "&"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<a href>x</a>", "Expected equal sign"),
        ("<b", "Unclosed start tag"),
    ],
)
async def test_bad_html_is_rejected(api: FakeBotAPI, bot: Bot, html: str, detail: str) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(ALICE, html, parse_mode="HTML")
    description = api.requests[-1].description or ""
    assert description.startswith("Bad Request: can't parse entities: ")
    assert detail in description


async def test_escaped_and_rich_html_is_accepted(api: FakeBotAPI, bot: Bot) -> None:
    html = (
        "😀 <b>a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#x27;</b> "
        '<a href="https://example.com/?a=1&amp;b=2">link</a> '
        '<tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> '
        '<pre><code class="language-python">x = 1</code></pre> '
        "<blockquote expandable>q</blockquote> <code>c</code>"
    )
    sent = await bot.send_message(ALICE, html, parse_mode="HTML")
    assert sent.text == "😀 a <b> & \"c\" 'd' link s t x = 1 q c"
    got = {(e.type, e.offset, e.length) for e in sent.entities}
    assert ("bold", 3, 15) in got  # the emoji counts as 2 UTF-16 units
    assert {("text_link", 19, 4), ("spoiler", 24, 1), ("spoiler", 26, 1)} <= got
    pre = next(e for e in sent.entities if e.type == "pre")
    assert pre.language == "python"
    assert any(e.type == "expandable_blockquote" for e in sent.entities)
    assert api.last_message(ALICE)["html"] == html


async def test_text_length_counts_utf16_after_parsing(bot: Bot) -> None:
    await bot.send_message(ALICE, "a" * 4096)
    await bot.send_message(ALICE, "😀" * 2048)  # 4096 UTF-16 units
    await bot.send_message(ALICE, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")
    for too_long in ("a" * 4097, "😀" * 2049):
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(ALICE, too_long)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ALICE, "<i>" + "&lt;" * 4097 + "</i>", parse_mode="HTML")
    for empty in (" \n ", "<b></b>"):
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(ALICE, empty, parse_mode="HTML")


async def test_caption_limit(api: FakeBotAPI, bot: Bot) -> None:
    photo = await bot.send_photo(ALICE, b"\xff\xd8jpeg-bytes", caption="ả" * 1024)
    assert photo.caption == "ả" * 1024 and photo.photo
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(
            ALICE, photo.photo[-1].file_id, caption="<b>" + "x" * 1025 + "</b>", parse_mode="HTML"
        )
    resent = await bot.send_photo(ALICE, photo.photo[-1].file_id, caption="ok")
    assert resent.photo[-1].file_id == photo.photo[-1].file_id
    assert api.messages_to(ALICE)[-1]["kind"] == "photo"


# ---- keyboards ----------------------------------------------------------------------------
async def test_callback_data_is_limited_to_64_bytes(bot: Bot) -> None:
    await bot.send_message(ALICE, "ok", reply_markup=keyboard("x" * 64))
    for data in ("x" * 65, "ă" * 33):  # 33 chars but 66 UTF-8 bytes
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(ALICE, "too long", reply_markup=keyboard(data))


async def test_keyboard_shapes_are_validated(api: FakeBotAPI, bot: Bot) -> None:
    path = f"/bot{api.token}/sendMessage"
    bad_markups = [
        ({"inline_keyboard": [[{"text": "no action"}]]}, "unallowed"),
        (
            {"inline_keyboard": [[{"text": "two", "url": "https://a.vn", "callback_data": "x"}]]},
            "exactly one",
        ),
        (
            {"inline_keyboard": [{"text": "row is not a list", "callback_data": "x"}]},
            "Array of Arrays",
        ),
        ({"inline_keyboard": [[{"text": "u", "url": "javascript:alert(1)"}]]}, "URL"),
        ({"keyboard": [["ok"], [{"nope": 1}]]}, "keyboard button"),
        ({"remove_keyboard": False}, "remove_keyboard"),
        ({"something": True}, "reply keyboard markup"),
    ]
    for markup, detail in bad_markups:
        status, body = await raw_call(
            api, path, data={"chat_id": ALICE, "text": "x", "reply_markup": json.dumps(markup)}
        )
        assert status == 400, markup
        assert detail in body["description"], body
    status, _ = await raw_call(
        api, path, data={"chat_id": ALICE, "text": "x", "reply_markup": "{not json"}
    )
    assert status == 400
    reply_kb = ReplyKeyboardMarkup(
        [[KeyboardButton("📍", request_location=True)], ["Hủy"]], resize_keyboard=True
    )
    sent = await bot.send_message(ALICE, "choose", reply_markup=reply_kb)
    assert sent.reply_markup is None  # reply keyboards are not echoed in the Message
    assert api.last_message(ALICE)["reply_markup"]["keyboard"][1] == [{"text": "Hủy"}]


# ---- edits, deletes, replies --------------------------------------------------------------
async def test_edit_rules(api: FakeBotAPI, bot: Bot) -> None:
    sent = await bot.send_message(
        ALICE, "<b>Trạng thái</b>", parse_mode="HTML", reply_markup=keyboard("a")
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>Trạng thái</b>",
            ALICE,
            sent.message_id,
            parse_mode="HTML",
            reply_markup=keyboard("a"),
        )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(ALICE, sent.message_id, reply_markup=keyboard("a"))
    # same visible text but the bold is gone -> modified; no reply_markup -> keyboard removed
    edited = await bot.edit_message_text("Trạng thái", ALICE, sent.message_id)
    assert isinstance(edited, type(sent)) and edited.reply_markup is None
    observed = api.messages_to(ALICE)[0]
    assert (observed["edit_count"], observed["reply_markup"], observed["entities"]) == (1, None, [])
    with pytest.raises(ValueError, match="no inline button"):
        api.press(ALICE, observed, "a")
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", ALICE, 999)
    with pytest.raises(BadRequest, match="There is no caption in the message to edit"):
        await bot.edit_message_caption(ALICE, sent.message_id, caption="c")
    user_msg = api.send_text(ALICE, "của Alice")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("hacked", ALICE, user_msg["message_id"])
    assert await bot.delete_message(ALICE, sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ALICE, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("late", ALICE, sent.message_id)
    assert api.messages_to(ALICE)[0]["deleted"]
    assert api.messages_to(ALICE, include_deleted=False) == []


async def test_reply_targets_must_exist(api: FakeBotAPI, bot: Bot) -> None:
    asked = api.send_text(ALICE, "Câu hỏi?")
    reply = await bot.send_message(ALICE, "Trả lời", reply_to_message_id=asked["message_id"])
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "Câu hỏi?"
    assert api.last_message(ALICE)["reply_to_message_id"] == asked["message_id"]
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(ALICE, "x", reply_to_message_id=777)
    lenient = await bot.send_message(
        ALICE, "x", reply_parameters=ReplyParameters(777, allow_sending_without_reply=True)
    )
    assert lenient.reply_to_message is None
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(ROOM, "x", reply_to_message_id=asked["message_id"])
    quoted = ReplyParameters(asked["message_id"], quote="hỏi")
    assert (await bot.send_message(ALICE, "y", reply_parameters=quoted)).reply_to_message
    with pytest.raises(BadRequest, match=r"(?i)QUOTE_TEXT_INVALID"):
        await bot.send_message(
            ALICE, "z", reply_parameters=ReplyParameters(asked["message_id"], quote="đáp")
        )


# ---- updates ------------------------------------------------------------------------------
async def test_long_poll_returns_promptly_and_confirms_offsets(api: FakeBotAPI, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_until_polling()
    started = time.monotonic()
    api.send_text(ALICE, "/start")
    updates = await asyncio.wait_for(poll, 2)
    assert time.monotonic() - started < 1
    assert texts(updates) == ["/start"]
    assert updates[0].message is not None
    assert updates[0].message.entities[0].type == "bot_command"
    # not confirmed yet -> delivered again; confirmed by offset -> gone
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [updates[0].update_id]
    api.send_text(ALICE, "second")
    api.send_text(ALICE, "third")
    rest = await bot.get_updates(offset=updates[0].update_id + 1, limit=1)
    assert texts(rest) == ["second"]
    assert texts(await bot.get_updates(offset=-1)) == ["third"]
    assert await bot.get_updates(offset=rest[0].update_id + 2, timeout=0) == ()
    # an empty long poll waits for its timeout (no busy loop, no early return)
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3
    assert len(api.requests_for("getUpdates")) == 6


async def test_allowed_updates_and_conflicts(api: FakeBotAPI, bot: Bot) -> None:
    member_update = {"chat_member": {"chat": {"id": ROOM, "type": "supergroup"}}}
    api.push_update(member_update)
    api.send_text(ALICE, "hi")
    updates = await bot.get_updates()
    assert texts(updates) == ["hi"]  # chat_member is opt-in
    assert api.dropped_updates[0][0]["chat_member"] == member_update["chat_member"]
    await bot.get_updates(offset=updates[-1].update_id + 1, allowed_updates=Update.ALL_TYPES)
    api.push_update({"chat_member": member_update["chat_member"] | {"date": 1}})
    assert len(await bot.get_updates(allowed_updates=["message"])) == 0
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_until_polling()
    async with api.make_bot() as second_instance:  # e.g. a second deployment of the bot
        second = asyncio.create_task(second_instance.get_updates(timeout=30))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 2)
        api.send_text(ALICE, "for the newest poll")
        assert len(await asyncio.wait_for(second, 2)) == 1
    await bot.set_webhook("https://example.com/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_privacy_mode_withholds_plain_group_messages(api: FakeBotAPI, bot: Bot) -> None:
    api.add_group(-100300, "Nhóm thường", bot_status="member")
    api.add_member(-100300, ALICE)
    api.send_text(ALICE, "chuyện phiếm", chat_id=-100300)
    api.send_text(ALICE, "/help@binhyen_test_bot", chat_id=-100300)
    api.send_text(ALICE, "/help@other_bot", chat_id=-100300)
    api.send_text(ALICE, "nói với bot admin", chat_id=ROOM)
    assert texts(await bot.get_updates()) == ["/help@binhyen_test_bot", "nói với bot admin"]
    assert api.dropped_updates[0][1].startswith("privacy mode")
    assert api.dropped_updates[0][0]["message"]["text"] == "chuyện phiếm"
    with pytest.raises(ValueError, match="not a member"):
        api.send_text(BOB, "lạ", chat_id=ROOM)


# ---- callback queries, inline -------------------------------------------------------------
async def test_callback_query_round_trip(api: FakeBotAPI, bot: Bot) -> None:
    sent = await bot.send_message(ALICE, "Xác nhận?", reply_markup=keyboard("ok", "cancel"))
    query_id = api.press(ALICE, api.last_message(ALICE), "ok")
    (update,) = await bot.get_updates()
    assert update.callback_query is not None
    assert update.callback_query.data == "ok"
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == sent.message_id
    assert await update.callback_query.answer("Đã lưu")
    assert api.callback_answers[0]["text"] == "Đã lưu"
    assert api.callback_answers[0]["callback_query_id"] == query_id
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match=r"(?i)query ID is invalid"):
        await bot.answer_callback_query("123")
    with pytest.raises(ValueError, match="no inline button"):
        api.press(ALICE, sent, "forged")
    assert api.unanswered_callback_queries() == []
    forged_id = api.press(ALICE, sent, "forged", forge=True)
    assert api.unanswered_callback_queries() == [forged_id]


async def test_a_query_takes_no_answer_after_fifteen_seconds(api: FakeBotAPI, bot: Bot) -> None:
    await bot.send_message(ALICE, "Xác nhận?", reply_markup=keyboard("ok"))
    in_time = api.press(ALICE, api.last_message(ALICE), "ok")
    late = api.press(ALICE, api.last_message(ALICE), "ok")
    inline = api.inline_query(ALICE, "xe")
    api.advance(14)
    assert await bot.answer_callback_query(in_time)
    api.advance(2)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(late)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query(inline, [])


async def test_inline_query_answer(api: FakeBotAPI, bot: Bot) -> None:
    from telegram import InlineQueryResultArticle, InputTextMessageContent

    query_id = api.inline_query(ALICE, "vân đồn")
    (update,) = await bot.get_updates()
    assert update.inline_query is not None and update.inline_query.query == "vân đồn"
    bad = InlineQueryResultArticle("1", "t", InputTextMessageContent("<b>x", parse_mode="HTML"))
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.answer_inline_query(query_id, [bad])
    good = InlineQueryResultArticle("1", "t", InputTextMessageContent("x"))
    assert await bot.answer_inline_query(query_id, [good])
    assert api.inline_answers[0]["results"][0]["id"] == "1"
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_inline_query(query_id, [good])


# ---- media, copies, files -----------------------------------------------------------------
async def test_copy_and_forward(api: FakeBotAPI, bot: Bot) -> None:
    photo = api.send_photo(ALICE, caption="Ảnh hiện trường")
    copied = await bot.copy_message(
        ROOM, ALICE, photo["message_id"], caption="<i>Ẩn danh</i>", parse_mode="HTML"
    )
    observed = api.last_message(ROOM)
    assert observed["message_id"] == copied.message_id
    assert (observed["kind"], observed["text"], observed["method"]) == (
        "photo",
        "Ẩn danh",
        "copyMessage",
    )
    assert observed["file_id"] == photo["photo"][-1]["file_id"]
    with pytest.raises(BadRequest, match="Message to copy not found"):
        await bot.copy_message(ROOM, ALICE, 9999)
    text = api.send_text(ALICE, "một")
    ids = await bot.copy_messages(
        ROOM, ALICE, [photo["message_id"], text["message_id"]], remove_caption=True
    )
    assert len(ids) == 2
    assert [m["text"] for m in api.messages_to(ROOM)[-2:]] == [None, "một"]
    forwarded = await bot.forward_message(ROOM, ALICE, text["message_id"])
    assert isinstance(forwarded.forward_origin, MessageOriginUser)
    assert forwarded.forward_origin.sender_user.id == ALICE


async def test_send_media_group(api: FakeBotAPI, bot: Bot) -> None:
    user_photo = api.send_photo(ALICE)["photo"][-1]["file_id"]
    album = await bot.send_media_group(
        ROOM,
        [
            InputMediaPhoto(user_photo, caption="<b>1</b>", parse_mode="HTML"),
            InputMediaPhoto(b"\xff\xd8 uploaded bytes"),
        ],
    )
    assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
    assert album[0].caption == "1" and album[1].caption is None
    assert [m["kind"] for m in api.messages_to(ROOM)] == ["photo", "photo"]
    assert "attach://" in json.dumps(api.requests[-1].params["media"])
    with pytest.raises(BadRequest, match="2-10"):
        await bot.send_media_group(ROOM, [InputMediaPhoto(user_photo)])
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_media_group(
            ROOM, [InputMediaPhoto(user_photo, caption="x" * 1025), InputMediaPhoto(user_photo)]
        )
    with pytest.raises(BadRequest, match="can't be mixed"):
        await bot.send_media_group(
            ROOM, [InputMediaPhoto(user_photo), InputMediaDocument(b"%PDF-1.4")]
        )
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_media_group(
            ROOM, [InputMediaPhoto("AgACunknown"), InputMediaPhoto(user_photo)]
        )


async def test_get_file_and_download(api: FakeBotAPI, bot: Bot) -> None:
    incoming = api.send_photo(ALICE, data=b"\xff\xd8 alice's photo")
    file = await bot.get_file(incoming["photo"][-1]["file_id"])
    assert file.file_path and file.file_size == len(b"\xff\xd8 alice's photo")
    assert bytes(await file.download_as_bytearray()) == b"\xff\xd8 alice's photo"
    sent = await bot.send_document(ALICE, b"bien ban %PDF", filename="bien-ban.pdf")
    assert sent.document is not None and sent.document.file_name == "bien-ban.pdf"
    doc_file = await bot.get_file(sent.document.file_id)
    import io

    buffer = io.BytesIO()
    await doc_file.download_to_memory(buffer)
    assert buffer.getvalue() == b"bien ban %PDF"
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(ALICE, "AgACAgUAAxkBAAIBm2ZzZ")
    with pytest.raises(BadRequest, match="Type of file mismatch"):
        await bot.send_photo(ALICE, sent.document.file_id)
    with pytest.raises(BadRequest, match=r"(?i)wrong file_id"):
        await bot.get_file("nope")
    missing = f"{api.base_file_url}{api.token}/photos/missing.jpg"
    async with aiohttp.ClientSession() as session, session.get(missing) as response:
        assert response.status == 404


# ---- chats, commands, misc ----------------------------------------------------------------
async def test_chat_info_members_and_join_requests(api: FakeBotAPI, bot: Bot) -> None:
    chat = await bot.get_chat(ROOM)
    assert (chat.title, chat.type) == ("Phòng trực ban Vân Đồn", "supergroup")
    assert (await bot.get_chat_member(ROOM, ALICE)).status == "member"
    assert (await bot.get_chat_member(ROOM, BOB)).status == "left"
    admins = await bot.get_chat_administrators(ROOM)
    assert [a.user.id for a in admins] == [api.bot_user["id"]]
    assert await bot.get_chat_member_count(ROOM) == 2
    with pytest.raises(BadRequest, match=r"(?i)HIDE_REQUESTER_MISSING"):
        await bot.approve_chat_join_request(ROOM, BOB)
    api.request_join(BOB, ROOM, bio="Cán bộ xã")
    (update,) = await bot.get_updates()
    assert update.chat_join_request is not None and update.chat_join_request.bio == "Cán bộ xã"
    assert await bot.approve_chat_join_request(ROOM, BOB)
    assert (await bot.get_chat_member(ROOM, BOB)).status == "member"
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(ROOM, "dancing")
    assert await bot.send_chat_action(ROOM, "typing")
    assert await bot.set_message_reaction(
        ROOM, (await bot.send_message(ROOM, "x")).message_id, "👍"
    )
    assert await bot.leave_chat(ROOM)
    with pytest.raises(Forbidden, match="not a member of the supergroup chat"):
        await bot.send_message(ROOM, "still here?")


async def test_commands_are_validated_and_stored_per_scope(api: FakeBotAPI, bot: Bot) -> None:
    assert await bot.set_my_commands([BotCommand("start", "Bắt đầu"), BotCommand("sos", "Cứu")])
    assert await bot.set_my_commands(
        [BotCommand("help", "Trợ giúp")], scope=BotCommandScopeChat(ROOM), language_code="vi"
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start", "sos"]
    scoped = await bot.get_my_commands(scope=BotCommandScopeChat(ROOM), language_code="vi")
    assert [c.command for c in scoped] == ["help"]
    assert await bot.get_my_commands(language_code="en") == ()
    assert api.commands[(f"chat:{ROOM}", "vi")][0]["description"] == "Trợ giúp"
    for bad in (BotCommand("Start", "x"), BotCommand("a" * 33, "x"), BotCommand("ok", "")):
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND"):
            await bot.set_my_commands([bad])
    assert await bot.delete_my_commands()
    assert ("default", "") not in api.commands


async def test_all_outgoing_text_sees_buttons_and_failed_calls(api: FakeBotAPI, bot: Bot) -> None:
    await bot.send_message(
        ALICE,
        "Xin chào",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Gọi 0912345678", callback_data="call:0912345678")]]
        ),
    )
    with pytest.raises(BadRequest):
        await bot.send_message(ROOM, "<b>Bob ở thôn 3", parse_mode="HTML")
    outgoing = "\n".join(api.all_outgoing_text())
    assert "Gọi 0912345678" in outgoing and "call:0912345678" in outgoing
    assert "Bob ở thôn 3" in outgoing
    assert "HTML" not in outgoing


async def test_wait_for_message_times_out_with_a_useful_report(api: FakeBotAPI, bot: Bot) -> None:
    await bot.send_message(ALICE, "cũ")
    with pytest.raises(BadRequest):
        await bot.send_message(ALICE, "<x>", parse_mode="HTML")
    with pytest.raises(AssertionError) as caught:
        await api.wait_for_message(ALICE, timeout=0.2)
    report = str(caught.value)
    assert "'cũ'" in report and 'Unsupported start tag "x"' in report
    found = await api.wait_for_message(ALICE, lambda m: m["text"] == "cũ", include_existing=True)
    assert found["message_id"] == 1
    waiter = asyncio.create_task(api.wait_for_request("sendMessage", lambda r: r.ok))
    await bot.send_message(ALICE, "mới")
    assert (await waiter).params["text"] == "mới"


async def test_application_polls_and_replies(api: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(
            f"Bạn nói: <b>{update.effective_message.text}</b>", do_quote=True
        )

    app = api.application_builder().build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=5))
        await api.wait_until_polling()
        asked = api.send_text(ALICE, "xin chào")
        reply = await api.wait_for_message(ALICE)
        await app.updater.stop()
        await app.stop()
    assert reply["text"] == "Bạn nói: xin chào"
    assert reply["reply_to_message_id"] == asked["message_id"]
    assert api.requests_for("deleteWebhook") and api.pending_updates == []


# ---- the HTML parser on its own -----------------------------------------------------------
async def test_parse_html_entities_and_errors() -> None:
    text, entities = parse_html(
        '<b>in <i>đậm</i></b> <a href="tg://user?id=5">An</a>'
        ' <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    assert text == "in đậm An 👍"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bold", 0, 6),
        ("italic", 3, 3),
        ("text_mention", 7, 2),
        ("custom_emoji", 10, 2),
    ]
    assert utf16_len("👍a") == 3
    assert parse_html("AT&T", strict_ampersand=False)[0] == "AT&T"
    assert parse_html("&lt&gt")[0] == "<>"
    with pytest.raises(EntityParseError, match="Invalid custom emoji"):
        parse_html("<tg-emoji>x</tg-emoji>")
    with pytest.raises(EntityParseError, match='"br" at byte offset 6'):
        parse_html("Việt<br>")  # "ệ" is 3 bytes in UTF-8
