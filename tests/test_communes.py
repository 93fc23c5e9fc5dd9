import pytest

from bot.services.communes import CommuneDirectory
from bot.services.text import fold


@pytest.fixture(scope="module")
def directory() -> CommuneDirectory:
    return CommuneDirectory([22])


def test_fold_drops_marks_and_d_stroke() -> None:
    assert fold("Đặc khu Vân Đồn") == "dac khu van don"
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert fold("  XÃ  Ba-Chẽ!! ") == "xa ba che"


def test_quang_ninh_has_54_communes(directory: CommuneDirectory) -> None:
    assert len(directory.in_province(22)) == 54


@pytest.mark.parametrize(
    ("query", "code", "name"),
    [
        ("van don", 6994, "Đặc khu Vân Đồn"),
        ("Vân Đồn", 6994, "Đặc khu Vân Đồn"),
        ("ba che", 6970, "Xã Ba Chẽ"),
        ("xa ba che", 6970, "Xã Ba Chẽ"),
        ("BINH LIEU", 6838, "Xã Bình Liêu"),
    ],
)
def test_search_without_diacritics(
    directory: CommuneDirectory, query: str, code: int, name: str
) -> None:
    found = directory.search(query)
    assert found, query
    assert found[0].code == code
    assert found[0].name == name


def test_search_knows_names_from_before_the_2025_merger(directory: CommuneDirectory) -> None:
    # Cái Rồng was the district town of Vân Đồn; residents still say it.
    assert 6994 in [c.code for c in directory.search("cai rong")]


def test_no_match_gets_suggestions(directory: CommuneDirectory) -> None:
    assert directory.search("vn don") == []
    assert directory.suggest("vn don")[0].code == 6994


def test_other_provinces_are_not_served(directory: CommuneDirectory) -> None:
    hanoi_ward = 4  # Phường Ba Đình (Hà Nội)
    assert directory.get(hanoi_ward) is None
    assert directory.get(6994) is not None


def test_empty_query_finds_nothing(directory: CommuneDirectory) -> None:
    assert directory.search("  !! ") == []
    assert directory.suggest("") == []
