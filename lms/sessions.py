"""Django's cached-database sessions, reading with the session whatever else the request will need first.

A signed-in request reads its session and then its person (lms.auth) from the cache: two round trips, one
after the other, because the person's key needs the user id the session holds. The store can instead be
told, before it loads, of other keys to read in the same round trip (:attr:`SessionStore.prefetch`); what
they held waits in :meth:`SessionStore.prefetched`. Nothing read this way is trusted for being there: the
caller checks it as it would a value it read itself.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

MISSING = object()


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self.prefetch: list[str] = []
        self._prefetched: dict = {}

    def load(self):
        if not self.prefetch or self.session_key is None:
            return super().load()
        try:
            found = self._cache.get_many([self.cache_key, *self.prefetch])
        except Exception:  # as Django's own load: a cache that refuses the key resets the session
            found = {}
        self._prefetched = {key: found[key] for key in self.prefetch if key in found}
        data = found.get(self.cache_key)
        return super().load() if data is None else data

    def prefetched(self, key: str):
        """What ``key`` held when the session loaded, or MISSING when it was not asked for or not there."""
        return self._prefetched.get(key, MISSING)
