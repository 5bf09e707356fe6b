"""A JetStream pull that collects a batch in one callback (no task per message).

nats-py's `fetch` awaits `next_msg` per message (a task and a timer each); at projection
rates that is the largest cost. One pull request with `no_wait` + `expires` answers as soon
as messages are there (or ends with a 404/408/409 status); its messages land here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription


class PullBatch:
    def __init__(self, nc: NATS, stream: str, durable: str) -> None:
        self.nc = nc
        self.subject = f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{durable}"
        self.inbox = nc.new_inbox()
        self.sub: Subscription | None = None
        self.msgs: list[Msg] = []
        self.wanted = 0
        self.done: asyncio.Future[None] | None = None
        #: A request ended without a status (client-side timeout): messages of it may still
        #: arrive and would be dropped. The caller must restart the consumer to keep order.
        self.unfinished = False

    async def start(self) -> None:
        self.sub = await self.nc.subscribe(self.inbox, cb=self._on_msg)

    async def stop(self) -> None:
        if self.sub is not None:
            with contextlib.suppress(Exception):
                await self.sub.unsubscribe()
            self.sub = None

    async def _on_msg(self, msg: Msg) -> None:
        done = self.done
        if done is None or done.done():
            self.unfinished = True  # a late message of an abandoned request
            return
        headers = msg.headers
        if headers and headers.get("Status") and not msg.data:
            done.set_result(None)  # 404 no messages, 408 expired, 409: the request is over
            return
        self.msgs.append(msg)
        if len(self.msgs) >= self.wanted:
            done.set_result(None)

    async def fetch(self, batch: int, timeout: float) -> list[Msg]:
        self.msgs, self.wanted = [], batch
        self.done = asyncio.get_running_loop().create_future()
        expires = max(int((timeout - 0.1) * 1e9), 10_000_000)
        request = {"batch": batch, "expires": expires, "no_wait": True}
        await self.nc.publish(self.subject, json.dumps(request).encode(), self.inbox)
        try:
            await asyncio.wait_for(asyncio.shield(self.done), timeout + 1.0)
        except TimeoutError:
            self.unfinished = True
        self.done = None
        return self.msgs
