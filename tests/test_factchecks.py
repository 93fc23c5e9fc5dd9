from pathlib import Path

import pytest

from bot.services.communes import CommuneDirectory
from bot.services.content_files import ContentFiles, export_document
from bot.services.factchecks import FactCheckDraft, FactChecks, Verdict
from bot.services.notices import Notices
from bot.services.scopes import Scope
from bot.storage.db import Database
from tests.outbox_view import batches

PROVINCE = Scope.parse("province:22")

GOOD = """
factchecks:
  - id: bat-coc
    claim: Xe ô tô màu trắng đi bắt cóc trẻ em ở các trường học
    verdict: false
    explanation: Công an đã xác minh, không có vụ bắt cóc nào.
    sources: [https://example.org/a]
    scope: province:22
    published: 2025-10-01
    tags: [bắt cóc]
  - id: dien-tang
    claim: Giá điện sinh hoạt sẽ tăng gấp đôi từ tháng sau
    verdict: misleading
    explanation: Không có quyết định nào như vậy.
    scope: commune:6994
    published: 2025-10-02
notices:
  - id: lich-tiep-dan
    kind: announcement
    title: Lịch tiếp công dân
    body: Sáng thứ năm hàng tuần tại trụ sở.
    issuer: Công an đặc khu Vân Đồn
    scope: commune:6994
    published: 2025-10-01
"""


@pytest.fixture
def directory() -> CommuneDirectory:
    return CommuneDirectory([22])


@pytest.fixture
def files(db: Database, directory: CommuneDirectory) -> ContentFiles:
    return ContentFiles(db, directory)


def _write(tmp_path: Path, text: str, name: str = "content.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_import_creates_then_updates_in_place(
    db: Database, files: ContentFiles, directory: CommuneDirectory, tmp_path: Path
) -> None:
    path = _write(tmp_path, GOOD)
    first = await files.import_file(path)
    assert (first.created, first.updated, first.errors) == (3, 0, [])
    again = await files.import_file(_write(tmp_path, GOOD.replace("tăng gấp đôi", "tăng gấp ba")))
    assert (again.created, again.updated) == (0, 3)
    factchecks = await FactChecks(db, directory).all()
    assert [f.key for f in factchecks] == ["bat-coc", "dien-tang"]
    assert factchecks[0].verdict is Verdict.FALSE
    assert "gấp ba" in factchecks[1].claim
    assert factchecks[1].province_code == 22


async def test_invalid_entry_is_reported_and_nothing_of_the_file_is_imported(
    db: Database, files: ContentFiles, directory: CommuneDirectory, tmp_path: Path
) -> None:
    broken = GOOD.replace("verdict: misleading", "verdict: maybe").replace(
        "scope: province:22", "scope: province:1"
    )
    report = await files.import_file(_write(tmp_path, broken))
    assert report.created == 0
    text = "\n".join(report.errors)
    assert "factchecks entry 2 (id dien-tang): verdict:" in text
    assert "factchecks entry 1 (id bat-coc): scope: province 1 is not served" in text
    assert str(tmp_path / "content.yaml") in text
    assert await FactChecks(db, directory).all() == []
    assert await Notices(db, directory).all() == []


async def test_duplicate_ids_and_unknown_keys_are_errors(
    files: ContentFiles, tmp_path: Path
) -> None:
    twice = GOOD.replace("id: dien-tang", "id: bat-coc").replace("notices:", "oops:")
    report = await files.import_file(_write(tmp_path, twice))
    assert any("unknown top-level key 'oops'" in e for e in report.errors)
    assert any("entry 2 (id bat-coc): id: used twice" in e for e in report.errors)
    report = await files.import_file(_write(tmp_path, "factchecks: {}\n"))
    assert report.errors == [f"{tmp_path / 'content.yaml'}: 'factchecks' must be a list"]


async def test_export_round_trips(
    db: Database, files: ContentFiles, directory: CommuneDirectory, tmp_path: Path
) -> None:
    await files.import_file(_write(tmp_path, GOOD))
    facts = await FactChecks(db, directory).all()
    notices = await Notices(db, directory).all()
    exported = _write(tmp_path, export_document(facts, notices), "export.yaml")
    report = await files.import_file(exported)
    assert (report.created, report.updated, report.errors) == (0, 3, [])


async def test_changed_verdict_reaches_everyone_who_saw_the_old_one(
    db: Database, directory: CommuneDirectory
) -> None:
    service = FactChecks(db, directory)
    draft = FactCheckDraft(
        "k1", "Uống nước muối chữa khỏi Covid", Verdict.UNVERIFIED, "Đang xác minh.", PROVINCE
    )
    saved = await service.save(draft)
    await service.record_receipt(saved.factcheck.id, 501, "vi")
    await service.record_receipt(saved.factcheck.id, 502, "en")
    fact_id = saved.factcheck.id
    assert await service.outdated_receipts(fact_id) == 0
    same = await service.save(draft)
    assert not same.changed_verdict
    assert await batches(db, "factcheck_correction") == []
    changed = await service.save(
        FactCheckDraft("k1", draft.claim, Verdict.FALSE, "Không chữa được.", PROVINCE)
    )
    assert changed.changed_verdict and changed.factcheck.revision == 2
    assert await service.outdated_receipts(fact_id) == 2
    assert await batches(db, "factcheck_correction") == [
        ("factcheck_correction", fact_id, "factcheck_receivers", fact_id)
    ]
    await service.corrected(fact_id, 501, 2)
    assert await service.outdated_receipts(fact_id) == 1


async def test_match_handles_teencode_and_skips_withdrawn(
    db: Database, files: ContentFiles, directory: CommuneDirectory, tmp_path: Path
) -> None:
    await files.import_file(_write(tmp_path, GOOD))
    service = FactChecks(db, directory)
    result = await service.match("mn oi co xe o to mau trang bat coc tre em o truong hoc ko")
    assert result.direct is not None and result.direct.factcheck.key == "bat-coc"
    assert (await service.match("hôm nay trời đẹp")).candidates == ()
    await service.withdraw(result.direct.factcheck.id)
    assert (await service.match("xe o to mau trang bat coc tre em")).candidates == ()


async def test_match_is_limited_to_the_provinces_asked(
    db: Database, files: ContentFiles, directory: CommuneDirectory, tmp_path: Path
) -> None:
    await files.import_file(_write(tmp_path, GOOD))
    service = FactChecks(db, directory)
    assert (await service.match("giá điện tăng gấp đôi", provinces=[22])).candidates
    assert (await service.match("giá điện tăng gấp đôi", provinces=[1])).candidates == ()


async def test_files_are_held_to_the_limits_every_card_is_built_for(
    files: ContentFiles, tmp_path: Path
) -> None:
    """The same limits as typing in the bot: a notice title of 200, an issuer of 100, and at most
    five sources of 500 characters."""
    too_long = (
        GOOD.replace("title: Lịch tiếp công dân", "title: " + "t" * 201)
        .replace("issuer: Công an đặc khu Vân Đồn", "issuer: " + "i" * 101)
        .replace("sources: [https://example.org/a]", "sources: [" + ", ".join("s" * 6) + "]")
    )
    report = await files.import_file(_write(tmp_path, too_long))
    text = "\n".join(report.errors)
    assert "notices entry 1 (id lich-tiep-dan): title:" in text
    assert "notices entry 1 (id lich-tiep-dan): issuer:" in text
    assert "factchecks entry 1 (id bat-coc): sources:" in text
