"""A Datasette plugin that keeps `deportdata serve` read-only and free of the machine's folders.

Every request that is not a read (GET, HEAD, OPTIONS) is answered 405 with an Allow header,
whatever its path: the database is immutable, so Datasette's write endpoints
(`/<db>/<table>/-/insert`, ...) could only fail, and they would fail with a 500. The
introspection pages (`/-/...`, e.g. `/-/databases.json`) name each database by its file name,
never by the folder that holds it. Loaded by Datasette from this folder (`--plugins-dir`).
"""

from __future__ import annotations

import json
import os

from datasette import hookimpl

READS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSAL = b"405 Method Not Allowed: this server is read-only (deportdata serve)\n"


async def _refuse(send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 405,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"allow", b", ".join(m.encode() for m in sorted(READS))),
                (b"content-length", str(len(REFUSAL)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": REFUSAL})


def _hide(body: bytes, folders: list[str]) -> bytes:
    """The body with every folder (plain and JSON-escaped) and its separator removed."""
    for folder in folders:
        for form in (folder + os.sep, json.dumps(folder + os.sep)[1:-1]):
            body = body.replace(form.encode("utf-8"), b"")
    return body


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            if scope.get("method", "GET") not in READS:
                return await _refuse(send)
            if not scope.get("path", "").startswith("/-/"):
                return await app(scope, receive, send)
            folders = sorted(
                {os.path.dirname(os.path.abspath(db.path)) for db in datasette.databases.values()
                 if getattr(db, "path", None)},
                key=len,
                reverse=True,
            )  # fmt: skip
            start, chunks = {}, []

            async def buffered(message):
                if message["type"] == "http.response.start":
                    start.update(message)
                    return None
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return None
                body = _hide(b"".join(chunks), folders)
                headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                return await send({"type": "http.response.body", "body": body})

            return await app(scope, receive, buffered)

        return read_only

    return wrap
