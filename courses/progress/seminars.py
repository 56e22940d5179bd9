"""Seminars on the progress dashboards: registrations and attendance, counted for the organization registered
on behalf of."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import batch, figures, timeline
from lms.figures import Event
from lms.measures import Measure, Period, Scope, Table
from lms.pages import public_q
from lms.translations import active_locale_id, translated_titles

from ..models import SeminarPage, SeminarRegistration, SeminarSession
from ..selectors import seminar_registrations_for_user
from .links import page_url, site_paths

ATTENDED = Q(attended=True)
CANCELLED = SeminarRegistration.Status.CANCELLED
CONFIRMED = SeminarRegistration.Status.CONFIRMED
WAITLISTED = SeminarRegistration.Status.WAITLISTED

SEMINAR_ATTENDANCES = Measure(
    name="seminar_attendances",
    label=gettext_lazy("Seminar attendances"),
    member_label=gettext_lazy("Seminars attended"),
    records=lambda: SeminarRegistration.objects.filter(ATTENDED),
    when="session__starts_at",
    area="session__seminar__capacity_areas",
    page="session__seminar_id",
    doc="Registrations for a seminar session marked as attended, dated by the session's start.",
)
# Not a figure of its own (so not among the provider's measures): the registrations the seminar figures and
# tables are drawn from, placed in a scope and a period exactly as the attendances are.
REGISTRATIONS = Measure(
    name="seminar_registrations",
    label=gettext_lazy("Seminar registrations"),
    records=lambda: SeminarRegistration.objects.all(),
    when=SEMINAR_ATTENDANCES.when,
    area=SEMINAR_ATTENDANCES.area,
    page=SEMINAR_ATTENDANCES.page,
    doc="Every registration for a seminar session, cancelled ones too, dated by the session's start.",
)


class SeminarsProvider(figures.Provider):
    """Seminar attendances (``seminar_attendances``): see the measure's ``doc``."""

    key = "seminars"
    label = gettext_lazy("Seminars")
    order = 20
    measures = (SEMINAR_ATTENDANCES,)
    headline = "seminar_attendances"
    organization_table_keys = ("seminars",)
    programme_table_keys = ("seminar_rates",)
    counted = {"courses.SeminarRegistration": lambda r: r.organization_id}
    shared = ("courses.SeminarSession",)

    def organization_figures_later(self, scope: Scope, period: Period) -> batch.Later[dict]:
        """Registrations (not cancelled), seats confirmed, places on a waitlist, attendances and distinct
        attendees, in one query."""
        # Named apart from the model's fields: an aggregate called "attended" would shadow the field.
        row = batch.aggregate(
            REGISTRATIONS.queryset(scope, period),
            n_registrations=Count("pk", filter=~Q(status=CANCELLED)),
            n_confirmed=Count("pk", filter=Q(status=CONFIRMED)),
            n_waitlisted=Count("pk", filter=Q(status=WAITLISTED)),
            n_attended=Count("pk", filter=ATTENDED),
            n_attendees=Count("user", filter=ATTENDED, distinct=True),
        )

        def build() -> dict:
            return {"seminars": {key.removeprefix("n_"): value for key, value in batch.aggregated(row).items()}}

        return batch.Later(build, [row])

    def organization_tables_later(self, scope: Scope, period: Period) -> batch.Later[dict[str, Table]]:
        rows = (
            REGISTRATIONS.queryset(scope, period)
            .exclude(status=CANCELLED)
            .values(
                "session__seminar_id", "session__seminar__url_path", "session__seminar__title", "session__starts_at"
            )
            .annotate(
                registered=Count("pk"),
                confirmed=Count("pk", filter=Q(status=CONFIRMED)),
                present=Count("pk", filter=ATTENDED),
            )
            .order_by("-session__starts_at")
        )
        return batch.Later(lambda: {"seminars": self._registrations_table(rows)}, [rows])

    def _registrations_table(self, rows: QuerySet) -> Table:
        table = Table(
            key="seminars",
            caption=_("Seminar registrations and attendance"),
            columns=[_("Seminar"), _("Session"), _("Registered"), _("Confirmed"), _("Attended")],
            empty=_("No seminar registrations in this period."),
        )
        titles = translated_titles()
        paths = site_paths()
        for row in rows:
            table.rows.append(
                [
                    titles.get(row["session__seminar_id"], row["session__seminar__title"]),
                    timezone.localtime(row["session__starts_at"]).date(),
                    row["registered"],
                    row["confirmed"],
                    row["present"],
                ]
            )
            table.links.append(page_url(row["session__seminar__url_path"], paths))
        return table

    def programme_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        """Fill rate (confirmed seats / seats) and attendance rate (attended / confirmed) per session held in the
        period. With organizations chosen, only sessions their staff registered for, counting their seats alone."""
        among = scope.organization_q("registrations__organization")
        sessions = SeminarSession.objects.filter(period.q("starts_at"), is_cancelled=False)
        if scope.area:
            sessions = sessions.filter(
                seminar__in=SeminarPage.objects.filter(capacity_areas__slug=scope.area).values("pk")
            )
        if scope.organizations is not None:
            sessions = sessions.filter(
                pk__in=SeminarRegistration.objects.filter(scope.organization_q()).values("session")
            )
        sessions = (
            sessions.annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status=CONFIRMED) & among),
                attended_count=Count("registrations", filter=Q(registrations__attended=True) & among),
            )
            .values("seminar__url_path", "seminar__title", "starts_at", "capacity", "confirmed_count", "attended_count")
            .order_by("-starts_at")
        )
        table = Table(
            key="seminar_rates",
            caption=_("Seminar fill rates and attendance"),
            columns=[
                _("Seminar"),
                _("Session"),
                _("Seats"),
                _("Confirmed"),
                _("Fill rate (%)"),
                _("Attended"),
                _("Attendance rate (%)"),
            ],
            empty=_("No seminar session in this period."),
        )
        paths = site_paths()
        for row in sessions:
            fill = round(100 * row["confirmed_count"] / row["capacity"]) if row["capacity"] else 0
            attendance = round(100 * row["attended_count"] / row["confirmed_count"]) if row["confirmed_count"] else 0
            table.rows.append(
                [
                    row["seminar__title"],
                    timezone.localtime(row["starts_at"]).date(),
                    row["capacity"],
                    row["confirmed_count"],
                    fill,
                    row["attended_count"],
                    attendance,
                ]
            )
            table.links.append(page_url(row["seminar__url_path"], paths))
        return {"seminar_rates": table}

    def timeline_rows(self, scope: Scope, period: Period):
        return timeline.columns(
            SEMINAR_ATTENDANCES.queryset(scope, period),
            when="session__starts_at",
            person="user",
            subject_id="session__seminar_id",
            subject="session__seminar__title",
            path="session__seminar__url_path",
            extra="session__title",
        )

    def timeline_events(self, rows: list[timeline.Row]) -> list[Event]:
        titles, paths = translated_titles(), site_paths()
        return [
            Event(
                when=row.when,
                kind=_("Seminar"),
                text=_("%(name)s attended %(seminar)s")
                % {"name": row.person, "seminar": row.extra or titles.get(row.subject_id, row.subject)},
                url=page_url(row.path, paths) or "",
            )
            for row in rows
        ]

    def recommendations_later(self, area_ids: list[int], limit: int) -> batch.Later[dict[str, list]]:
        """Live public seminars in these areas with a session still to come, soonest first, in the viewer's
        language (sessions hang on the canonical page)."""
        # Any session of a page sharing the translation key: sessions hang on the canonical page, and matching
        # the key alone lets the database use its index (checking canonicity per page cost 30 ms at scale).
        upcoming = SeminarSession.objects.filter(
            seminar__translation_key=OuterRef("translation_key"),
            starts_at__gte=timezone.now(),
            is_cancelled=False,
        ).order_by("starts_at")
        seminars = (
            SeminarPage.objects.live()
            .filter(public_q(), locale_id=active_locale_id(), capacity_areas__in=area_ids)
            .annotate(next_session=Subquery(upcoming.values("starts_at")[:1]))
            .filter(next_session__isnull=False)
            .distinct()
            .order_by("next_session")[:limit]
        )
        return batch.lists(seminars=seminars)

    def member_records(self, user, organization_id: int | None) -> dict[str, list]:
        registrations = seminar_registrations_for_user(user)
        if organization_id is not None:
            registrations = registrations.filter(organization_id=organization_id)
        return {"seminars": list(registrations[:50])}

    def learner_figures_later(self, user) -> batch.Later[dict]:
        attended = batch.aggregate(SEMINAR_ATTENDANCES.queryset(Scope(member=user.pk)), n=Count("pk"))
        return batch.Later(lambda: {"seminars_attended": batch.aggregated(attended)["n"]}, [attended])
