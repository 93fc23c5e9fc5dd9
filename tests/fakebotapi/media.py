"""Files: resolving InputFile parameters and building media objects for Messages."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .models import FileRecord
from .params import Params, UploadedFile
from .state import BotState

MEDIA_KINDS = frozenset(
    {
        "photo",
        "video",
        "document",
        "voice",
        "audio",
        "animation",
        "sticker",
        "video_note",
    }
)
_PHOTO_SIZES = ((90, 90), (1280, 960))
_EXTENSIONS = {
    "photo": "jpg",
    "video": "mp4",
    "animation": "mp4",
    "voice": "oga",
    "audio": "mp3",
    "sticker": "webp",
    "video_note": "mp4",
    "document": "bin",
}
_FAKE_CONTENT = {
    "photo": b"\xff\xd8\xff\xe0fake-jpeg",
    "voice": b"OggSfake-voice",
    "sticker": b"RIFFfake-webp",
}


def new_records(
    state: BotState,
    kind: str,
    data: bytes | None = None,
    *,
    file_name: str | None = None,
    mime_type: str | None = None,
) -> list[FileRecord]:
    """Fresh file(s) for one media item; a photo gets two sizes (thumbnail + full)."""
    if data is None:
        data = _FAKE_CONTENT.get(kind, b"fake-" + kind.encode()) + b"#%d" % (state.next_seq())
    if kind == "photo":
        return [
            state.new_file("photo", data[: max(1, len(data) // 4)]),
            state.new_file("photo", data),
        ]
    return [state.new_file(kind, data, file_name=file_name, mime_type=mime_type)]


def _from_upload(state: BotState, kind: str, upload: UploadedFile) -> list[FileRecord]:
    if not upload.data:
        raise bad_request("file must be non-empty")
    mime = upload.content_type if upload.content_type != "application/octet-stream" else None
    return new_records(state, kind, upload.data, file_name=upload.filename, mime_type=mime)


def resolve_input_file(
    state: BotState, p: Params, field: str, kind: str, value: Any = None
) -> list[FileRecord]:
    """Turn a file parameter (upload, ``attach://``, URL or file_id) into FileRecords.

    ``value`` is given for items of ``media`` arrays; otherwise ``p[field]`` is read.
    """
    if value is None:
        if field in p.files:
            return _from_upload(state, kind, p.files[field])
        value = p.data.get(field)
        if value is None or value == "":
            raise bad_request(f"there is no {field} in the request")
    if not isinstance(value, str):
        raise bad_request("wrong file identifier/HTTP URL specified")
    if value.startswith("attach://"):
        upload = p.files.get(value.removeprefix("attach://"))
        if upload is None:
            raise bad_request(f'can\'t find attached file "{value}"')
        return _from_upload(state, kind, upload)
    if value.lower().startswith(("http://", "https://")):
        return new_records(state, kind, f"fetched from {value}".encode())
    record = state.files.get(value.strip())
    if record is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if record.kind != kind:
        raise bad_request("type of file mismatch")
    return [record]


def _base(record: FileRecord) -> dict[str, Any]:
    return {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": len(record.data),
    }


def _fields(kind: str, main: FileRecord) -> dict[str, Any]:
    """Kind-specific fields of the media object (besides file_id/unique_id/size)."""
    table: dict[str, dict[str, Any]] = {
        "video": {
            "width": 1280,
            "height": 720,
            "duration": 5,
            "mime_type": main.mime_type or "video/mp4",
        },
        "animation": {"width": 480, "height": 270, "duration": 3},
        "document": {
            "file_name": main.file_name or "document.bin",
            "mime_type": main.mime_type or "application/octet-stream",
        },
        "voice": {"duration": 3, "mime_type": "audio/ogg"},
        "audio": {"duration": 30, "mime_type": main.mime_type or "audio/mpeg"},
        "sticker": {
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "🙂",
        },
        "video_note": {"length": 240, "duration": 3},
    }
    return table[kind]


def media_content(kind: str, records: list[FileRecord]) -> dict[str, Any]:
    """Message fields (``photo``, ``video`` ...) describing the given file(s)."""
    if kind not in MEDIA_KINDS:
        raise ValueError(f"not a media kind: {kind}")
    main = records[-1]
    if kind == "photo":
        sizes = _PHOTO_SIZES[-len(records) :]
        return {
            "photo": [
                {**_base(rec), "width": w, "height": h}
                for rec, (w, h) in zip(records, sizes, strict=False)
            ]
        }
    content: dict[str, Any] = {kind: {**_base(main), **_fields(kind, main)}}
    if kind == "animation":  # Telegram sends animations as documents too
        doc = {"file_name": main.file_name or "animation.mp4", "mime_type": "video/mp4"}
        content["document"] = {**_base(main), **doc}
    return content


def register_content_files(state: BotState, content: dict[str, Any]) -> list[str]:
    """Make file_ids inside user-supplied Message fields known; return them."""
    found: list[str] = []
    for key, value in content.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("file_id"), str):
                file_id = item["file_id"]
                if file_id not in state.files:
                    record = FileRecord(
                        file_id,
                        item.get("file_unique_id") or f"u-{file_id}",
                        key,
                        f"fake {key} {file_id}".encode(),
                    )
                    state.files[file_id] = record
                item.setdefault("file_unique_id", state.files[file_id].file_unique_id)
                found.append(file_id)
    return found


def assign_file_path(state: BotState, record: FileRecord) -> str:
    if record.file_path is None:
        ext = _EXTENSIONS.get(record.kind, "bin")
        folder = "photos" if record.kind == "photo" else f"{record.kind}s"
        record.file_path = f"{folder}/file_{state.next_seq()}.{ext}"
        state.file_paths[record.file_path] = record
    return record.file_path
