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
- Any error, or either connection lost, drops every copy and the connections; reads then go to Redis as
  before until it answers again. A Redis that refuses tracking (an ACL, a managed service) turns it off.
- One near cache per process and server, shared by its threads (Django's caches are per thread).

Notices travel as fast as the write's own reply, not ahead of it: a request that races another process's
write (to the microsecond) may still see the old value, as it would had it read a moment earlier.

Copies are kept as the bytes Redis returned, so every read gets its own objects.
"""

import contextlib
import logging
import os
import threading
import time

from redis.exceptions import RedisError, ResponseError

logger = logging.getLogger(__name__)

INVALIDATE_CHANNEL = "__redis__:invalidate"
RETRY_SECONDS = 5.0
_shared: dict = {}
_shared_lock = threading.Lock()


def shared(url: str, pool_options: dict, *, prefixes, entries: int = 5000, seconds: float = 30.0) -> "NearCache":
    """The process's near cache for this server and these keys (built once, whichever thread asks first)."""
    import redis

    key = (url, tuple(prefixes), entries, seconds)
    with _shared_lock:
        near = _shared.get(key)
        if near is None:
            pool = redis.ConnectionPool.from_url(url, **pool_options)  # only for its connection settings
            near = _shared[key] = NearCache(connections_like(pool), prefixes, entries=entries, seconds=seconds)
        return near


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
        self._refused = False

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
            except BaseException:  # interrupted mid-read (a worker timeout): a half-read reply stays behind
                self._reset(retry=True)
                raise

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
        """Apply every notice Redis has sent so far (a closed connection reads as an error: everything goes).

        The data connection must have nothing to read either: if it was closed, Redis tracks nothing for it
        any more. When notices were waiting, a PING on the listener makes sure none is still inside Redis
        (it writes a client's backlog in pieces): its answer comes after all of them."""
        if self._data.can_read(timeout=0):
            raise LostConnection("the tracked connection was closed")
        if not self._invalidations.can_read(timeout=0):
            return
        self._invalidations.send_command("PING")
        while True:
            message = self._invalidations.read_response()
            if isinstance(message, list) and message and message[0] == b"pong":
                return
            self._apply(message)

    def _apply(self, message) -> None:
        if not isinstance(message, list) or len(message) < 3 or message[0] != b"message":
            return
        keys = message[2]
        if keys is None:  # FLUSHDB or FLUSHALL
            self._kept.clear()
            return
        for key in keys:
            self._kept.pop(key.decode() if isinstance(key, bytes) else key, None)

    def _ready(self) -> bool:
        if self._refused:
            return False
        if self._data is not None and self._pid == os.getpid():
            if self._data.is_connected and self._invalidations.is_connected:
                return True
            self._reset(retry=False)  # closed by redis-py after an error: a new socket would track nothing
        if self._pid != os.getpid():  # a forked worker: the parent's connections and copies are not its own
            self._forget_connections()
            self._kept.clear()
            self._retry_at = 0.0
        if time.monotonic() < self._retry_at:
            return False
        try:
            self._connect()
        except ResponseError as error:  # tracking refused (an ACL, a managed Redis): read Redis as before
            logger.warning("Redis refused client tracking; the near cache is off: %s", error)
            self._refused = True
            self._forget_connections()
            return False
        return True

    def _connect(self) -> None:
        self._pid = os.getpid()
        invalidations = self._invalidations = self._make_connection()
        invalidations.connect()
        invalidations.send_command("CLIENT", "ID")
        client_id = invalidations.read_response()
        invalidations.send_command("SUBSCRIBE", INVALIDATE_CHANNEL)
        invalidations.read_response()
        data = self._data = self._make_connection()
        data.connect()
        data.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", client_id)
        data.read_response()
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


class LostConnection(RedisError):
    pass
