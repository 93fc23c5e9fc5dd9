"""The /notice draft and the /notices edit as the conversation state keeps them."""

from datetime import UTC, datetime

from bot.handlers.information.draft import Compose, Edit, EditField, token_of
from bot.services.notices import NoticeKind
from bot.services.scopes import Scope, ScopeKind


def test_a_draft_comes_back_from_the_database_as_it_was_stored() -> None:
    draft = Compose(
        scope=Scope(ScopeKind.COMMUNE, 6994),
        kind=NoticeKind.WARNING,
        title="Mất điện",
        body="Thôn 3, 8h–11h",
        photo_file_id="AgAD",
        expires_at=datetime(2026, 12, 31, 17, tzinfo=UTC),
        issuer="Công an đặc khu Vân Đồn",
        urgent=True,
    )
    state = draft.at("preview")
    assert (state.flow, state.step) == ("notice", "preview")
    assert Compose.load(state.data) == draft
    assert token_of(state) == draft.token and len(draft.token) == 8


def test_a_draft_stored_before_the_fields_were_named_still_loads() -> None:
    old = {"n": "0a1b2c3d", "scope": "province:22", "kind": "announcement", "u": True}
    draft = Compose.load({**old, "title": "T", "body": "B", "expires": None})
    assert draft.token == "0a1b2c3d" and draft.urgent
    assert draft.scope == Scope(ScopeKind.PROVINCE, 22)
    assert Edit.load({"id": 7, "field": "x", "n": "0a1b2c3d"}) == Edit(
        7, EditField.EXPIRY, "0a1b2c3d"
    )


def test_an_unreadable_edit_is_none() -> None:
    assert Edit.load({"field": "t"}) is None
    assert Edit.load({"notice_id": 3, "field": "q"}) is None
