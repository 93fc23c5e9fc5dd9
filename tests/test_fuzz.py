"""A short fuzz run on the suite's database: no traceback, no call Telegram rejects, no press
left unanswered, never silent. The long runs:
`python -m tests.fuzz --actions 1500 --seeds 1,2,3`."""

from bot.storage.db import Database
from tests.fakebotapi import FakeBotAPI
from tests.fuzz import fuzz


async def test_a_short_fuzz_run_finds_nothing(db: Database, fake_api: FakeBotAPI) -> None:
    findings = await fuzz(fake_api, db, seed=1, actions=200)
    assert findings.actions == 200
    assert findings.clean, f"{findings.summary()}\n{findings.details()}"
    assert findings.reached["reports"] > 0 and findings.reached["cards"] > 0
