import pytest

from bot.services.communes import CommuneDirectory
from bot.services.factchecks import FactCheckDraft, FactChecks, Verdict
from bot.services.residents import Residents
from bot.services.rumors import OriginKind, RequestStatus, Rumor, Rumors
from bot.services.scopes import Scope
from bot.storage.db import Database
from tests.outbox_view import batches

VAN_DON, BA_CHE = 6994, 6970
PROVINCE = Scope.parse("province:22")
MOD = 77


@pytest.fixture
def factchecks(db: Database) -> FactChecks:
    return FactChecks(db, CommuneDirectory([22]))


@pytest.fixture
def rumors(db: Database, factchecks: FactChecks) -> Rumors:
    return Rumors(db, factchecks)


async def test_fifty_residents_asking_the_same_rumor_make_one_request(rumors: Rumors) -> None:
    texts = [
        "Nghe nói sắp cắt nước toàn xã ba ngày liền",
        "nghe noi sap cat nuoc toan xa ba ngay lien",
        "sắp cắt nước toàn xã 3 ngày liền, thật không mn",
    ]
    for uid in range(1, 51):
        asked = await rumors.ask(uid, "vi", Rumor(texts[uid % 3]), VAN_DON, 22)
    assert asked.request.askers == 50
    queue, total = await rumors.queue([VAN_DON], [])
    assert total == 1 and queue[0].askers == 50


async def test_asking_twice_counts_once(rumors: Rumors) -> None:
    first = await rumors.ask(1, "vi", Rumor("Tin đồn về đập thủy điện bị vỡ"), VAN_DON, 22)
    again = await rumors.ask(1, "vi", Rumor("tin don ve dap thuy dien bi vo"), VAN_DON, 22)
    assert first.created and not again.created and again.repeated
    assert again.request.askers == 1


async def test_different_rumors_stay_apart(rumors: Rumors) -> None:
    await rumors.ask(1, "vi", Rumor("Cầu Bãi Cháy sắp sập"), VAN_DON, 22)
    await rumors.ask(2, "vi", Rumor("Giá gạo tăng gấp ba từ mai"), VAN_DON, 22)
    assert (await rumors.queue([VAN_DON], []))[1] == 2


async def test_forward_origin_and_photo_are_recorded(rumors: Rumors) -> None:
    rumor = Rumor(
        "",
        photo_file_id="F1",
        photo_unique_id="AQADxyz",
        origin_kind=OriginKind.CHANNEL,
        origin_title="Tin nóng",
    )
    asked = await rumors.ask(1, "vi", rumor, VAN_DON, 22)
    assert asked.request.photo_file_id == "F1" and asked.request.origin_title == "Tin nóng"
    same_photo = await rumors.ask(2, "en", rumor, BA_CHE, 22)
    assert same_photo.request.id == asked.request.id


async def test_moderators_see_requests_their_residents_asked(rumors: Rumors) -> None:
    asked = await rumors.ask(1, "vi", Rumor("Có trộm chó bằng súng điện ở thôn"), VAN_DON, 22)
    assert (await rumors.queue([BA_CHE], []))[1] == 0
    assert (await rumors.queue([], [22]))[1] == 1
    assert await rumors.may_answer(asked.request.id, [VAN_DON], [])
    assert not await rumors.may_answer(asked.request.id, [BA_CHE], [])


async def test_answer_tells_every_asker_once_in_their_language(
    db: Database, rumors: Rumors, factchecks: FactChecks
) -> None:
    asked = await rumors.ask(1, "vi", Rumor("Sắp có động đất ở Móng Cái"), VAN_DON, 22)
    await rumors.ask(2, "en", Rumor("sap co dong dat o mong cai"), BA_CHE, 22)
    saved = await factchecks.save(
        FactCheckDraft(
            None,
            "Sắp có động đất ở Móng Cái",
            Verdict.FALSE,
            "Bịa đặt.",
            Scope.parse("province:22"),
        )
    )
    assert await rumors.answer(asked.request.id, saved.factcheck.id, MOD) == 2
    request_id = asked.request.id
    assert await batches(db, "rumor_answer") == [
        ("rumor_answer", request_id, "rumor_askers", request_id)
    ]
    told = [await rumors.notification(request_id, asker) for asker in (1, 2)]
    assert [(n.telegram_id, n.locale) for n in told if n] == [(1, "vi"), (2, "en")]
    assert all(n and n.factcheck and n.factcheck.verdict is Verdict.FALSE for n in told)
    # A second answer (a double press) promises nothing more.
    assert await rumors.answer(request_id, saved.factcheck.id, MOD) == 0
    assert len(await batches(db, "rumor_answer")) == 1
    await rumors.notified(request_id, 1)
    assert await rumors.notification(request_id, 1) is None
    assert await rumors.notification(request_id, 2) is not None
    request = await rumors.get(asked.request.id)
    assert request is not None and request.status is RequestStatus.ANSWERED


async def test_out_of_scope_closes_without_a_fact_check(rumors: Rumors) -> None:
    asked = await rumors.ask(1, "vi", Rumor("Giá vàng mai lên 200 triệu"), VAN_DON, 22)
    assert await rumors.answer(asked.request.id, None, MOD) == 1
    told = await rumors.notification(asked.request.id, 1)
    assert told is not None and told.factcheck is None
    assert (await rumors.queue([VAN_DON], []))[1] == 0


async def test_erased_resident_is_no_longer_an_asker_or_a_reader(
    db: Database, rumors: Rumors, factchecks: FactChecks
) -> None:
    asked = await rumors.ask(1, "vi", Rumor("Sắp có động đất ở Móng Cái"), VAN_DON, 22)
    saved = await factchecks.save(
        FactCheckDraft("k", "Động đất ở Móng Cái", Verdict.UNVERIFIED, "Đang xác minh.", PROVINCE)
    )
    await factchecks.record_receipt(saved.factcheck.id, 1, "vi")
    await Residents(db).get_or_create(1, "vi")
    await Residents(db).erase(1)
    assert await rumors.answer(asked.request.id, saved.factcheck.id, MOD) == 0
    await factchecks.save(
        FactCheckDraft("k", "Động đất ở Móng Cái", Verdict.FALSE, "Bịa đặt.", PROVINCE)
    )
    assert await factchecks.outdated_receipts(saved.factcheck.id) == 0
