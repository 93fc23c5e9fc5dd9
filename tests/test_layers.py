"""Features depend downwards: a feature's handlers import only the features `bot/app.py` lists
before it (the lower ones), never a later one. A lower feature that needs a higher one to act
(the rooms' cards when a resident erases their data, a report left half-written on /start and
/cancel) offers a hook the higher one registers."""

import ast
from pathlib import Path

import bot
from bot import app

ROOT = Path(bot.__file__).parent
HANDLERS = ROOT / "handlers"
# Not a feature: where a private message no feature took goes (a reply that is not to the bot).
DISPATCHER = "router"


def _feature(module: str) -> str | None:
    """The feature a `bot.handlers…` module belongs to."""
    parts = module.split(".")
    if parts[:2] != ["bot", "handlers"] or len(parts) < 3:
        return None
    return parts[2]


def _imported_features(feature: str) -> set[str]:
    paths = [HANDLERS / f"{feature}.py"] if (HANDLERS / f"{feature}.py").exists() else []
    paths += sorted((HANDLERS / feature).rglob("*.py")) if (HANDLERS / feature).is_dir() else []
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            found |= {f for f in map(_feature, names) if f is not None and f != feature}
    return found


def test_no_feature_imports_one_listed_after_it() -> None:
    order = [_feature(register.__module__) for register in app.FEATURES]
    features = [f for f in order if f is not None and f != DISPATCHER]
    upward = {
        (feature, imported)
        for index, feature in enumerate(features)
        for imported in _imported_features(feature)
        if imported in features[index + 1 :]
    }
    assert upward == set()


# What a handler imports from `common` by name: the types of its signatures and the translation
# lookup on almost every line. Every other helper is called through the module
# (`common.reply`, `raise common.Refused()`), so the call says it is the shared one.
BY_NAME = {"BotApplication", "BotContext", "Markup", "View", "tr"}


def test_handlers_call_common_helpers_through_the_module() -> None:
    by_name = {
        (str(path.relative_to(ROOT)), alias.name)
        for path in sorted(HANDLERS.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.ImportFrom) and node.module == "bot.handlers.common"
        for alias in node.names
        if alias.name not in BY_NAME
    }
    assert by_name == set()
