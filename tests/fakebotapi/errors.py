"""Telegram-shaped API errors raised by method handlers."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer: ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters
        self.note: str | None = None  # why the fake answered so (shown in RecordedRequest)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(message: str) -> ApiError:
    """400 with Telegram's ``Bad Request:`` prefix."""
    return ApiError(400, f"Bad Request: {message}")


def forbidden(message: str) -> ApiError:
    """403 with Telegram's ``Forbidden:`` prefix."""
    return ApiError(403, f"Forbidden: {message}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized")
