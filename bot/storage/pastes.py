"""Parts of a long text a Telegram client split into several messages, held until the last part
arrives, so a restart between two parts loses nothing."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class PastedText(Base):
    """The parts of one paste so far: the first part's message as Telegram sent it, its text
    and entities now those of every part joined, and when the latest part was sent."""

    __tablename__ = "pasted_texts"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message: Mapped[dict[str, Any]]
    parts: Mapped[int] = mapped_column(Integer, default=1)
    last_message_id: Mapped[int] = mapped_column(Integer)
    last_sent_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
