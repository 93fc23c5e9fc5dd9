"""A new resident meets the bot, through the real Application and the fake Bot API."""

from bot.services.residents import Residents
from tests.conftest import SUPERADMIN_ID
from tests.harness import Harness, buttons, keyboard_labels, onboard, plain

ALICE = 1001


async def test_new_resident_finds_van_don_and_lands_on_the_menu(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", username="alice", language_code="vi")

    greeting = await harness.say(ALICE, "/start")
    text = plain(greeting)
    assert "Bình Yên" in text
    assert "113" in text and "114" in text and "115" in text
    assert "không phải" in text  # not an emergency line
    assert "/mydata" in text and "/deleteme" in text  # how to see and delete

    ask = await harness.tap(ALICE, greeting, "Tôi đồng ý")
    assert "van don" in plain(ask)
    matches = await harness.say(ALICE, "van don")
    assert buttons(matches) == [("Đặc khu Vân Đồn", "cm:s:6994")]

    menu_waiter = api.wait_for_message(ALICE, lambda m: bool(keyboard_labels(m)))
    api.press(ALICE, matches, "cm:s:6994")
    menu = await menu_waiter
    assert keyboard_labels(menu) == [
        "🚨 Báo tin",
        "📢 Thông tin chính thức",
        "🔎 Kiểm tra tin đồn",
        "🤝 Tổ tự quản",
        "📂 Tin báo của tôi",
        "⚙️ Cài đặt",
    ]
    assert "Đặc khu Vân Đồn" in plain(harness.current(matches))

    resident = await Residents(harness.db).get(ALICE)
    assert resident is not None and resident.home_commune_code == 6994 and resident.onboarded


async def test_english_speaker_gets_english(harness: Harness) -> None:
    harness.api.add_user(1002, "Bob", language_code="en-GB")
    greeting = await harness.say(1002, "/start")
    assert "Emergency?" in plain(greeting)
    assert buttons(greeting)[0][0] == "✅ I agree"


async def test_privacy_is_accepted_once(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    again = await harness.say(ALICE, "/start")
    assert "Chào mừng bạn quay lại" in plain(again)
    assert "Quyền riêng tư" not in plain(again)


async def test_unknown_name_gets_suggestions_not_a_dead_end(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    greeting = await harness.say(ALICE, "/start")
    await harness.tap(ALICE, greeting, "Tôi đồng ý")
    answer = await harness.say(ALICE, "vn don")
    assert "Không tìm thấy" in plain(answer)
    labels = [text for text, _ in buttons(answer)]
    assert "Đặc khu Vân Đồn" in labels
    assert any("danh sách" in label for label in labels)


async def test_browsing_the_province_page_by_page(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    greeting = await harness.say(ALICE, "/start")
    ask = await harness.tap(ALICE, greeting, "Tôi đồng ý")
    page1 = await harness.tap_and_settle(ALICE, ask, "danh sách")
    assert "trang 1/6" in plain(page1)
    assert len(buttons(page1)) == 11  # ten communes and "next"
    page2 = await harness.tap_and_settle(ALICE, page1, "Sau")
    assert "trang 2/6" in plain(page2)
    # A second tap on the old "next" asks for the page already shown: harmless, no error.
    api.press(ALICE, page2, "cm:p:22:2", forge=True)
    await harness.settle()
    assert "trang 2/6" in plain(harness.current(page2))
    assert not any("lỗi" in plain(m) for m in api.messages_to(ALICE))
    answered = {a["callback_query_id"] for a in api.callback_answers}
    assert len(answered) == 4  # every press answered: accept, browse, next, the repeat


async def test_typed_name_with_html_is_escaped(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    greeting = await harness.say(ALICE, "/start")
    await harness.tap(ALICE, greeting, "Tôi đồng ý")
    answer = await harness.say(ALICE, "<b>x & y</b>")
    assert "&lt;b&gt;x &amp; y&lt;/b&gt;" in answer["html"]


async def test_stickers_and_texts_before_onboarding_get_a_way_forward(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await harness.say(ALICE, "/start")
    waiter = api.wait_for_message(ALICE)
    api.send_sticker(ALICE)
    hint = await waiter
    assert "đồng ý" in plain(hint)
    assert buttons(hint)


async def test_restart_mid_onboarding_continues(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    greeting = await harness.say(ALICE, "/start")
    await harness.tap(ALICE, greeting, "Tôi đồng ý")
    await harness.restart()
    matches = await harness.say(ALICE, "ba che")
    assert buttons(matches) == [("Xã Ba Chẽ", "cm:s:6970")]


async def test_updates_sent_while_down_are_processed(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await harness.stop()
    api.send_text(ALICE, "/start")
    waiter = api.wait_for_message(ALICE)
    await harness.start()
    assert "Bình Yên" in plain(await waiter)


async def test_commands_are_published(harness: Harness) -> None:
    commands = harness.api.commands
    scopes = {scope for scope, _ in commands}
    assert any("all_private_chats" in scope for scope in scopes)
    assert any("all_group_chats" in scope for scope in scopes)
    private_vi = next(
        v for (scope, lang), v in commands.items() if "private" in scope and lang == "vi"
    )
    assert [c["command"] for c in private_vi][:2] == ["start", "help"]
    assert SUPERADMIN_ID  # the superadmin has no private chat in this world: not fatal
