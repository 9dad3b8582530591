"""Body-size limits enforced while the body streams in, before anything is parsed or stored."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 when Content-Length or the streamed byte count exceeds the route's limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _reject(send, limit, scope["path"])
                return
        seen = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # Once the limit is passed the app may answer anything (frameworks turn a failed body
            # read into a 400); the client gets the 413 instead.
            nonlocal started
            if exceeded:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, limited_receive, guarded_send)
        if exceeded and not started:
            await _reject(send, limit, scope["path"])


async def _reject(send: Send, limit: int, path: str) -> None:
    body = json.dumps(
        {
            "type": "urn:tipline:problem:payload_too_large",
            "title": "Request Entity Too Large",
            "status": 413,
            "code": "payload_too_large",
            "detail": f"the body exceeds the limit of {limit} bytes",
            "instance": path,
            "errors": [],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
