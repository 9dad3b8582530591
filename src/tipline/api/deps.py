"""The HTTP vocabulary: named dependencies that route signatures read as sentences.

They do no I/O and are ``async`` so that FastAPI does not hand each of them to the threadpool.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tipline.context import Context

_bearer = HTTPBearer(auto_error=False, description="A provider API key: Bearer tl_...")


async def _context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


async def _api_key(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    return None if credentials is None else credentials.credentials


AppContext = Annotated[Context, Depends(_context)]
ApiKey = Annotated[str | None, Depends(_api_key)]
