"""What residents do and cause, as Telegram shows it to a bot: long pastes, albums, the Message
objects the bot gets back, errors about users, and time (dates, the 48-hour deletion rule)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest, Forbidden

from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.asyncio

ALICE, BOB = 1001, 1002
ROOM = -100200
TWO_DAYS = 48 * 3600


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        server.add_user(ALICE, "Alice", language_code="vi")
        server.add_user(BOB, "Bob")
        server.add_group(ROOM, "Tổ dân phố 3")
        server.add_member(ROOM, ALICE)
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with api.make_bot() as client:
        yield client


def keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(data, callback_data=data)]])


# ---- long pastes --------------------------------------------------------------------------
async def test_long_paste_arrives_as_several_messages(api: FakeBotAPI, bot: Bot) -> None:
    asked = await bot.send_message(ALICE, "Mô tả sự việc?")
    text = "ả" * 4096 + "b" * 4096 + "/start c"
    parts = api.send_paste(ALICE, text, reply_to=asked.message_id)
    assert [len(p["text"]) for p in parts] == [4096, 4096, 8]
    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message is not None]
    assert "".join(m.text or "" for m in messages) == text
    assert [m.message_id for m in messages] == [p["message_id"] for p in parts]
    assert messages[0].reply_to_message is not None  # only the first part is the reply
    assert messages[1].reply_to_message is None and messages[2].reply_to_message is None
    assert messages[2].entities[0].type == "bot_command"  # each part gets its own entities
    last = api.send_text(ALICE, "x" * 5000)  # send_text returns the last part
    assert last["text"] == "x" * 904
    assert len(api.send_paste(ALICE, "y" * 4096)) == 1


# ---- Message objects ----------------------------------------------------------------------
async def test_returned_messages_look_like_telegrams(api: FakeBotAPI, bot: Bot) -> None:
    question = api.send_text(ALICE, "Câu hỏi?")
    first = await bot.send_message(ALICE, "Trả lời 1", reply_to_message_id=question["message_id"])
    second = await bot.send_message(
        ALICE,
        "Trả lời 2",
        reply_to_message_id=first.message_id,
        reply_markup=ReplyKeyboardMarkup([[KeyboardButton("Hủy")]]),
    )
    assert second.reply_markup is None  # only inline keyboards come back
    assert second.reply_to_message is not None
    assert second.reply_to_message.message_id == first.message_id
    assert second.reply_to_message.reply_to_message is None  # never nested deeper
    raw = api.requests_for("sendMessage")[-1].result
    assert "reply_to_message" not in raw["reply_to_message"]
    assert "reply_markup" not in raw
    with_buttons = await bot.send_message(ALICE, "Chọn", reply_markup=keyboard("ok"))
    assert with_buttons.reply_markup == keyboard("ok")
    edited = await bot.edit_message_text("Chọn lại", ALICE, second.message_id)
    assert not isinstance(edited, bool)
    assert edited.reply_to_message is not None and edited.reply_to_message.reply_to_message is None


async def test_user_replies_to_the_bot_keep_reply_to_message(api: FakeBotAPI, bot: Bot) -> None:
    sent = await bot.send_message(ROOM, "Ai trực tối nay?")
    api.send_text(ALICE, "Tôi", chat_id=ROOM, reply_to=sent.message_id)
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.reply_to_message is not None
    assert update.message.reply_to_message.from_user is not None
    assert update.message.reply_to_message.from_user.id == api.bot_user["id"]


async def test_user_albums_carry_photo_dimensions(api: FakeBotAPI, bot: Bot) -> None:
    album = api.send_album(ALICE, 3, caption="Hiện trường")
    given = api.send_message(ALICE, photo=[{"file_id": "AgACsmall"}, {"file_id": "AgACbig"}])
    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message is not None]
    assert len({m.media_group_id for m in messages[:3]}) == 1
    assert messages[0].caption == "Hiện trường" and messages[1].caption is None
    for message in messages:
        assert message.photo
        assert all(size.width > 0 and size.height > 0 for size in message.photo)
    assert [m["message_id"] for m in album] == [m.message_id for m in messages[:3]]
    assert given["photo"][-1]["width"] > given["photo"][0]["width"]


# ---- errors residents cause ---------------------------------------------------------------
async def test_errors_about_users(api: FakeBotAPI, bot: Bot) -> None:
    api.deactivate_user(BOB)
    with pytest.raises(Forbidden, match="user is deactivated") as caught:
        await bot.send_message(BOB, "xin chào")
    assert api.requests[-1].description == "Forbidden: user is deactivated"
    assert api.requests[-1].error_code == 403
    with pytest.raises(ValueError, match="deleted their account"):
        api.send_text(BOB, "ma")
    api.block_bot(ALICE)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_photo(ALICE, b"\xff\xd8 photo")
    api.add_user(1003, "Chưa bấm Start", started=False)
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(1003, "xin chào")
    for unknown in (424242, "@khong_co_ai"):
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(unknown, "xin chào")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.get_chat(424242)
    assert api.requests[-1].description == "Bad Request: chat not found"
    assert caught.value.message == "Forbidden: user is deactivated"


# ---- time ---------------------------------------------------------------------------------
async def test_clock_moves_dates_and_the_48_hour_rule(api: FakeBotAPI, bot: Bot) -> None:
    old = await bot.send_message(ALICE, "cũ")
    theirs = api.send_text(ALICE, "của Alice")
    api.advance(TWO_DAYS - 60)
    fresh = await bot.send_message(ALICE, "mới")
    assert int(fresh.date.timestamp()) - int(old.date.timestamp()) >= TWO_DAYS - 60
    assert api.now() >= int(fresh.date.timestamp())
    api.advance(60)
    with pytest.raises(BadRequest, match="Message can't be deleted for everyone"):
        await bot.delete_message(ALICE, old.message_id)
    assert api.requests[-1].description == "Bad Request: message can't be deleted for everyone"
    with pytest.raises(BadRequest, match="Message can't be deleted for everyone"):
        await bot.delete_message(ALICE, theirs["message_id"])
    with pytest.raises(BadRequest, match="Message can't be deleted for everyone"):
        await bot.delete_messages(ALICE, [old.message_id, fresh.message_id])
    assert not api.messages_to(ALICE)[-1]["deleted"]  # nothing was deleted
    assert await bot.delete_messages(ALICE, [fresh.message_id, 999])  # missing ids skipped
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ALICE, fresh.message_id)
    assert api.requests[-1].description == "Bad Request: message to delete not found"
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ALICE, 12345)
    with pytest.raises(ValueError, match="forward"):
        api.advance(-1)


async def test_supergroup_admins_delete_messages_of_any_age(api: FakeBotAPI, bot: Bot) -> None:
    api.add_group(-100300, "Nhóm không quyền xoá", bot_rights={"can_delete_messages": False})
    api.add_member(-100300, ALICE)
    mine = await bot.send_message(ROOM, "của bot")
    theirs = api.send_text(ALICE, "của Alice", chat_id=ROOM)
    limited = await bot.send_message(-100300, "của bot")
    others = api.send_text(ALICE, "của Alice", chat_id=-100300)
    with pytest.raises(BadRequest, match=r"Message can't be deleted$"):
        await bot.delete_message(-100300, others["message_id"])
    api.advance(TWO_DAYS + 1)
    assert await bot.delete_message(ROOM, mine.message_id)
    assert await bot.delete_message(ROOM, theirs["message_id"])
    with pytest.raises(BadRequest, match="Message can't be deleted for everyone"):
        await bot.delete_message(-100300, limited.message_id)
