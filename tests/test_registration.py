"""Handlers, error handlers and periodic jobs are added only inside the features' `register`
functions, which bot/app.py calls from one ordered list: a reader finds every handler by
starting there."""

import ast
from pathlib import Path

import bot
from bot import app

ROOT = Path(bot.__file__).parent
REGISTERING = {"add_handler", "add_handlers", "add_error_handler", "run_repeating", "run_daily"}
# The inbox worker notes failed updates for its retries: part of receiving, not a feature.
ELSEWHERE = {("receiving/worker.py", "__init__")}


def _registering_calls() -> list[tuple[str, str]]:
    """(module, enclosing function) of every call that registers a handler or a job."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in REGISTERING
                ):
                    found.append((path.relative_to(ROOT).as_posix(), function.name))
    return found


def test_handlers_and_jobs_are_registered_only_by_feature_register_functions() -> None:
    calls = _registering_calls()
    assert calls
    misplaced = [call for call in calls if call[1] != "register" and call not in ELSEWHERE]
    assert misplaced == []
    assert not any(module == "app.py" for module, _ in calls)


def test_app_registers_every_feature() -> None:
    """A feature is a module of bot/handlers/ or a package there with a `register`; one that
    app.py forgot would silently do nothing. (A package's `register` registers its modules.)"""
    handlers = ROOT / "handlers"
    features = set()
    for path in [*handlers.glob("*.py"), *handlers.glob("*/__init__.py")]:
        tree = ast.parse(path.read_text(), str(path))
        if any(isinstance(node, ast.FunctionDef) and node.name == "register" for node in tree.body):
            module = path.relative_to(ROOT).with_suffix("").as_posix().removesuffix("/__init__")
            features.add(f"bot.{module.replace('/', '.')}")
    assert features == {register.__module__ for register in app.FEATURES}
    assert all(register.__name__ == "register" for register in app.FEATURES)
