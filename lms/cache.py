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

logger = logging.getLogger(__name__)


def _degrade(method, default=None):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:  # connection refused, timeouts, ...
            logger.warning("cache unavailable, degrading: %s", error.__class__.__name__)
            return default(*args, **kwargs) if callable(default) else default

    return wrapper


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool instead of one per operation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

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
