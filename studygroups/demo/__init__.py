"""Demo study groups: one recruiting, one active (facilitator@example.org), one with a published report."""

from .groups import ACTIVE, PUBLISHED, RECRUITING, active_group, load, published_group, recruiting_group

__all__ = ["ACTIVE", "PUBLISHED", "RECRUITING", "active_group", "load", "published_group", "recruiting_group"]
