"""Per-process copies of a few small, hot Redis keys, dropped the moment Redis says they changed.

Every signed-in request reads its session and its person from Redis, and that round trip (two system calls,
a wait, and Redis's own work on the same cores) costs more CPU than all of the project's middleware put
together. The values rarely change, so each process keeps a copy of the keys it has read and asks Redis to
tell it when they change: server-assisted client-side caching (Redis's ``CLIENT TRACKING``, here in its
``REDIRECT`` form, which Redis 6 and 7.0 support; redis-py's own client-side cache needs Redis 7.4).

- Reads of the chosen keys go through one tracked connection; Redis then sends the names of any of them
  that are written, deleted, expired or flushed, by anyone, to this process's invalidation connection.
- Before a copy is used, whatever Redis has sent is read (one non-blocking check), so a copy never outlives
  a change that finished before the request began. The process's own writes drop its copies at once.
- A copy lives at most ``seconds`` in any case, and at most ``entries`` are kept.
- Any error drops every copy and the connections; reads then go to Redis as before until it answers again.

Copies are kept as the bytes Redis returned, so every read gets its own objects.
"""

import contextlib
import os
import threading
import time

from redis.exceptions import RedisError

INVALIDATE_CHANNEL = "__redis__:invalidate"
RETRY_SECONDS = 5.0


def connections_like(pool):
    """Makes connections to the pool's server of their own, speaking RESP2 (Redis then sends its notices
    as plain pub/sub messages, which every Redis since 6 does)."""
    kwargs = {k: v for k, v in pool.connection_kwargs.items() if not k.startswith("maint_notifications")}
    kwargs["protocol"] = 2
    return lambda: pool.connection_class(**kwargs)


class NearCache:
    def __init__(self, make_connection, prefixes, *, entries: int = 5000, seconds: float = 30.0):
        self._make_connection = make_connection
        self.prefixes = tuple(prefixes)
        self._entries = entries
        self._seconds = seconds
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[float, bytes]] = {}
        self._data = self._invalidations = None
        self.listener_id = None  # Redis's id for the connection that hears of changes
        self._pid = None
        self._retry_at = 0.0

    def wants(self, key: str) -> bool:
        return key.startswith(self.prefixes)

    def read(self, keys: list[str]) -> list[bytes | None] | None:
        """What Redis holds for ``keys`` (each one :meth:`wants`), from the copies where they are still
        current; None when the near cache cannot answer (the caller then reads Redis itself)."""
        with self._lock:
            try:
                if not self._ready():
                    return None
                self._drain()
                return self._read(keys)
            except (RedisError, OSError):
                self._reset(retry=True)
                return None

    def drop(self, keys=None) -> None:
        """Forget copies this process has just written (or every copy): Redis's notice may still be on its way."""
        with self._lock:
            if keys is None:
                self._kept.clear()
            else:
                for key in keys:
                    self._kept.pop(key, None)

    def _read(self, keys):
        now = time.monotonic()
        values, missing = {}, []
        for key in keys:
            kept = self._kept.get(key)
            if kept is not None and kept[0] > now:
                values[key] = kept[1]
            else:
                missing.append(key)
        if missing:
            self._data.send_command("MGET", *missing)
            until = now + self._seconds
            for key, value in zip(missing, self._data.read_response(), strict=True):
                values[key] = value
                if value is None:  # absence is not kept: the key will likely be written next
                    self._kept.pop(key, None)
                else:
                    self._keep(key, until, value)
        return [values[key] for key in keys]

    def _keep(self, key, until, value) -> None:
        if len(self._kept) >= self._entries:
            for old in list(self._kept)[: max(1, self._entries // 10)]:  # the oldest tenth
                del self._kept[old]
        self._kept[key] = (until, value)

    def _drain(self) -> None:
        """Apply every notice Redis has sent so far (a closed connection reads as an error: everything goes)."""
        while self._invalidations.can_read(timeout=0):
            message = self._invalidations.read_response()
            if not isinstance(message, list) or len(message) < 3 or message[0] != b"message":
                continue
            keys = message[2]
            if keys is None:  # FLUSHDB or FLUSHALL
                self._kept.clear()
                continue
            for key in keys:
                self._kept.pop(key.decode() if isinstance(key, bytes) else key, None)

    def _ready(self) -> bool:
        if self._data is not None and self._pid == os.getpid():
            return True
        if self._pid != os.getpid():  # a forked worker: the parent's connections and copies are not its own
            self._forget_connections()
            self._kept.clear()
            self._retry_at = 0.0
        if time.monotonic() < self._retry_at:
            return False
        self._connect()
        return True

    def _connect(self) -> None:
        invalidations = self._make_connection()
        invalidations.connect()
        invalidations.send_command("CLIENT", "ID")
        client_id = invalidations.read_response()
        invalidations.send_command("SUBSCRIBE", INVALIDATE_CHANNEL)
        invalidations.read_response()
        data = self._make_connection()
        data.connect()
        data.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", client_id)
        data.read_response()
        self._invalidations, self._data, self._pid = invalidations, data, os.getpid()
        self.listener_id = client_id

    def _reset(self, retry: bool) -> None:
        self._forget_connections()
        self._kept.clear()
        if retry:
            self._retry_at = time.monotonic() + RETRY_SECONDS

    def _forget_connections(self) -> None:
        for connection in (self._data, self._invalidations):
            if connection is not None and self._pid == os.getpid():
                with contextlib.suppress(RedisError, OSError):  # already broken: nothing more to free
                    connection.disconnect()
        self._data = self._invalidations = None
