"""The matcher's lexicon (content/matching): applied alike to claims and messages, checked on
loading, and the stored claims follow it when it changes."""

from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.services import lexicon, matching
from bot.services.communes import CommuneDirectory
from bot.services.factchecks import FactCheckDraft, FactChecks, Verdict
from bot.services.match_feedback import MatchFeedbackLog, Outcome
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database
from bot.storage.information import FactCheck, FactCheckTerm
from bot.storage.matching import IndexState
from tests.test_cli import binhyen


def test_claims_and_messages_are_rewritten_alike() -> None:
    claim = matching.search_text("Cảnh sát giao thông phạt xe máy chở hàng cồng kềnh")
    message = " ".join(matching.normalize("csgt phat xe gan may cho hang cong kenh"))
    assert claim == message == "cong an giao thong phat xe cho hang cong kenh"


def test_a_longer_form_keeps_its_own_words() -> None:
    assert matching.normalize("Tòa án gọi") == ["toa", "an", "goi"]
    assert matching.normalize("toà gọi") == ["toa", "an", "goi"]


def test_numbers_lose_their_units_and_fillers_disappear() -> None:
    assert matching.normalize("mọi người ơi ck 500k có thật không") == [
        "oi", "chong", "chuyen", "khoan", "500", "nghin"
    ]  # fmt: skip
    assert matching.normalize("5 củ") == ["5", "trieu"]


def _lexicon_folder(tmp_path: Path, groups: str) -> Path:
    shipped = lexicon.current()
    assert shipped.fingerprint
    for name in lexicon.FILES:
        source = Path(matching.__file__).parents[2] / "content" / "matching" / name
        (tmp_path / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "equivalences.yaml").write_text(groups, encoding="utf-8")
    return tmp_path


def test_a_form_in_two_groups_is_refused(tmp_path: Path) -> None:
    folder = _lexicon_folder(tmp_path, "groups:\n  - [xe, xe máy]\n  - [ô tô, xe máy]\n")
    with pytest.raises(ValueError, match="in two groups"):
        lexicon.load(folder)


def test_a_form_in_two_members_of_a_class_is_refused(tmp_path: Path) -> None:
    folder = _lexicon_folder(tmp_path, "groups:\n  - [xe, xe máy]\n")
    (folder / "classes.yaml").write_text(
        "classes:\n  utilities:\n    - [giá điện, tiền]\n    - [giá nước, tiền]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="in two members"):
        lexicon.load(folder)


def test_editing_the_lexicon_changes_its_fingerprint(tmp_path: Path) -> None:
    folder = _lexicon_folder(tmp_path, "groups:\n  - [xe, xe máy]\n")
    first = lexicon.load(folder).fingerprint
    (folder / "equivalences.yaml").write_text("groups:\n  - [xe, xe gắn máy]\n", encoding="utf-8")
    assert lexicon.load(folder).fingerprint != first


async def test_stale_claims_are_normalised_again_and_words_recounted(db: Database) -> None:
    factchecks = FactChecks(db, CommuneDirectory([22]))
    scope = Scope(ScopeKind.PROVINCE, 22)
    for key, claim in (("a", "Cảnh sát gọi điện đòi tiền"), ("b", "Xe máy bị tịch thu")):
        await factchecks.save(FactCheckDraft(key, claim, Verdict.FALSE, "Không đúng.", scope))
    assert await factchecks.refresh_index() == 2
    assert await factchecks.refresh_index() == 0
    async with db.transaction() as session:
        counted = dict(
            (await session.execute(select(FactCheckTerm.term, FactCheckTerm.docs))).all()
        )
        await session.execute(update(FactCheck).values(search_text="canh sat cu"))
        await session.execute(update(IndexState).values(value="an older lexicon"))
    assert await factchecks.refresh_index() == 2
    async with db.transaction() as session:
        texts = set(await session.scalars(select(FactCheck.search_text)))
        recounted = dict(
            (await session.execute(select(FactCheckTerm.term, FactCheckTerm.docs))).all()
        )
    assert texts == {"cong an goi dien doi tien", "xe bi tich thu"}
    assert recounted == {k: v for k, v in counted.items() if v}


async def test_feedback_keeps_the_message_words_but_not_who_sent_them(db: Database) -> None:
    factchecks = FactChecks(db, CommuneDirectory([22]))
    saved = await factchecks.save(
        FactCheckDraft(
            "a",
            "Cảnh sát gọi điện đòi tiền",
            Verdict.FALSE,
            "Không.",
            Scope(ScopeKind.PROVINCE, 22),
        )
    )
    log = MatchFeedbackLog(db)
    await log.record(Outcome.CONFIRMED, [saved.factcheck.id], "CA gọi đòi tiền thật ko")
    [row] = await log.texts([Outcome.CONFIRMED])
    assert (row.key, row.words) == ("a", "cong an goi doi tien")
    [stats] = await log.stats([22])
    assert stats.count(Outcome.CONFIRMED) == 1


def test_feedback_and_reindex_from_a_shell(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db"}
    reindexed = binhyen("factchecks", "reindex", cwd=tmp_path, **env)
    assert reindexed.returncode == 0, reindexed.stderr
    assert "0 claims normalised" in reindexed.stdout
    feedback = binhyen("factchecks", "feedback", "--outcome", "confirmed", cwd=tmp_path, **env)
    assert feedback.returncode == 0 and feedback.stdout == ""
