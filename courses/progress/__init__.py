"""What courses and seminars tell the progress dashboards: one provider each, registered when the app loads
(``CoursesConfig.ready``), so the progress app reads their figures without importing their models."""

from .courses import CoursesProvider, member_enrollments
from .seminars import SeminarsProvider

__all__ = ["CoursesProvider", "SeminarsProvider", "member_enrollments"]
