"""A Redis cache that degrades instead of failing when Redis is down, and builds its client once.

Cache reads miss and writes are dropped (and logged), so pages, sessions (cached_db)
and rate limits keep working from the database while Redis recovers.

Django's Redis backend builds a new ``redis.Redis`` for every operation; redis-py's constructor fills a
table of some 170 response callbacks each time, which cost more CPU than the round trip itself on a
signed-in request (two reads: the session and the user). A client is thread-safe and holds no
connection of its own (it borrows from the pool), so one per pool serves every operation.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from lms import near_cache

logger = logging.getLogger(__name__)


def _degrade(method, default=None):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:  # connection refused, timeouts, ...
            logger.warning("cache unavailable, degrading: %s", error.__class__.__name__)
            return default(*args, **kwargs) if callable(default) else default

    return wrapper


def _one_key(key, *rest):
    return [key]


def _drops(method, written):
    def wrapper(self, *args):
        try:
            return method(self, *args)
        finally:
            self._written(written(*args))

    return wrapper


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool instead of one per operation.

    With ``OPTIONS["near"]`` (prefixes of full keys, made by the backend), reads of those keys are answered
    from per-process copies that Redis invalidates (lms.near_cache).
    """

    def __init__(self, *args, near=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self.near = None
        if near:
            self.near = near_cache.shared(self._servers[0], self._pool_options, **near)

    def get(self, key, default):
        if self.near is not None and self.near.wants(key):
            values = self.near.read([key])
            if values is not None:
                return default if values[0] is None else self._serializer.loads(values[0])
        return super().get(key, default)

    def get_many(self, keys):
        near = self.near
        keys = list(keys)
        if near is not None and keys and all(near.wants(key) for key in keys):
            values = near.read(keys)
            if values is not None:
                found = zip(keys, values, strict=True)
                return {key: self._serializer.loads(value) for key, value in found if value is not None}
        return super().get_many(keys)

    def _written(self, keys) -> None:
        if self.near is not None:
            self.near.drop([key for key in keys if self.near.wants(key)])

    # Writes drop this process's copies once they are done (a read in between would take the old value
    # again); other processes hear of them from Redis.
    add = _drops(RedisCacheClient.add, _one_key)
    set = _drops(RedisCacheClient.set, _one_key)
    touch = _drops(RedisCacheClient.touch, _one_key)
    delete = _drops(RedisCacheClient.delete, _one_key)
    incr = _drops(RedisCacheClient.incr, _one_key)
    set_many = _drops(RedisCacheClient.set_many, lambda data, *rest: list(data))
    delete_many = _drops(RedisCacheClient.delete_many, lambda keys, *rest: list(keys))

    def clear(self):
        if self.near is not None:
            self.near.drop()
        return super().clear()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        near = self._options.get("near")
        if near:  # the near cache is given full keys: its prefixes are made the way this backend makes keys
            prefixes = tuple(self.make_key(prefix) for prefix in near["prefixes"])
            self._options = {**self._options, "near": {**near, "prefixes": prefixes}}

    get = _degrade(RedisCache.get, lambda key, default=None, version=None: default)
    set = _degrade(RedisCache.set)
    add = _degrade(RedisCache.add, True)  # so lock-style callers (rate limits) proceed instead of hanging
    delete = _degrade(RedisCache.delete, False)
    touch = _degrade(RedisCache.touch, False)
    get_many = _degrade(RedisCache.get_many, lambda keys, version=None: {})
    set_many = _degrade(RedisCache.set_many, lambda data, timeout=None, version=None: list(data))  # all failed
    delete_many = _degrade(RedisCache.delete_many)
    has_key = _degrade(RedisCache.has_key, False)
    incr = _degrade(RedisCache.incr, 0)
    clear = _degrade(RedisCache.clear)

    def health(self) -> bool:
        """True when Redis answers; the health check uses the raw client."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except Exception:
            return False
