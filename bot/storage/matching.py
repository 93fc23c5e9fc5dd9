"""What residents told the rumor matcher, and which lexicon the search index was built with.

`match_feedback` keeps one row per answer, suggestion, confirmation or refusal, per fact-check:
moderators see the counts in /rumors → 📊, and the texts behind refusals and confirmations show
which words the equivalence list (content/matching) still lacks. Rows carry the message in the
matcher's normalised words only, never who sent it.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class MatchFeedback(Base):
    __tablename__ = "match_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    factcheck_id: Mapped[int] = mapped_column(ForeignKey("factchecks.id", ondelete="CASCADE"))
    # direct | suggested | confirmed | chosen | not_this | none_of_these
    outcome: Mapped[str] = mapped_column(String(16))
    words: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_match_feedback_factcheck", "factcheck_id", "outcome"),)


class IndexState(Base):
    """Settings the stored search texts depend on, such as the lexicon's fingerprint: when the
    shipped lexicon differs, every claim is normalised again."""

    __tablename__ = "factcheck_index_state"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))
