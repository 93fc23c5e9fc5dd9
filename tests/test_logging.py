import io
import logging

from bot.logs import RedactingFilter, redact, setup_logging
from tests.conftest import TEST_TOKEN

REAL_SHAPED = "1234567890:" + "A" * 35


def test_redact_hides_token_shapes_and_known_secrets() -> None:
    text = f"POST https://api.telegram.org/bot{REAL_SHAPED}/getMe and {TEST_TOKEN}"
    cleaned = redact(text, (TEST_TOKEN,))
    assert REAL_SHAPED not in cleaned
    assert TEST_TOKEN not in cleaned


def test_filter_redacts_messages_arguments_and_exceptions() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter((TEST_TOKEN,)))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling %s", f"https://x/bot{TEST_TOKEN}/sendMessage")
        try:
            raise RuntimeError(f"failed: https://x/bot{REAL_SHAPED}/getUpdates")
        except RuntimeError:
            logger.exception("boom")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "calling" in output and "boom" in output and "RuntimeError" in output
    assert TEST_TOKEN not in output
    assert REAL_SHAPED not in output


def test_setup_quiets_httpx_and_filters_root_handlers() -> None:
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    try:
        setup_logging((TEST_TOKEN,))
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        assert root.handlers
        assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in root.handlers)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
