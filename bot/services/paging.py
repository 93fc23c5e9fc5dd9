"""A page of a list someone leafs through (notices, a group's members, the moderators' queue, a
resident's reports): one way to count the pages, keep the page asked for within them and read
its rows."""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from bot.storage.models import Base


@dataclass(frozen=True)
class Page[T]:
    """The page shown (numbered as the list numbers them), of `pages`, with `total` items."""

    items: tuple[T, ...]
    page: int
    pages: int
    total: int


async def page_of[Row: Base, T](
    session: AsyncSession,
    rows: type[Row],
    where: Sequence[ColumnElement[bool]],
    order_by: Sequence[ColumnElement[Any] | QueryableAttribute[Any]],
    view: Callable[[Row], T],
    *,
    page: int,
    per_page: int,
    first: int = 0,
) -> Page[T]:
    """The page `page` (pages numbered from `first`) of the rows `where` picks, in `order_by`;
    a page before the first or after the last is the nearest one there is."""
    total = int(await session.scalar(select(func.count()).select_from(rows).where(*where)) or 0)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, first), first + pages - 1)
    found = await session.scalars(
        select(rows)
        .where(*where)
        .order_by(*order_by)
        .offset((page - first) * per_page)
        .limit(per_page)
    )
    return Page(tuple(view(row) for row in found), page, pages, total)
