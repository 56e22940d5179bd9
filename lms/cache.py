"""A Redis cache that degrades instead of failing when Redis is down.

Cache reads miss and writes are dropped (and logged), so pages, sessions (cached_db)
and rate limits keep working from the database while Redis recovers.
"""

import logging

from django.core.cache.backends.redis import RedisCache
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


class ResilientRedisCache(RedisCache):
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
