"""What study groups contribute to the progress dashboards (registered in StudygroupsConfig.ready)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import batch, figures, timeline
from lms.figures import Event
from lms.fiscal import fiscal_year_label
from lms.measures import Measure, Period, Scope, Table

from .models import GroupMembership, StudyGroup
from .selectors import groups_for_user

PLACES = Measure(
    name="study_group_places",
    label=gettext_lazy("Study group places"),
    member_label=gettext_lazy("Study groups"),
    records=lambda: GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE),
    when="created_at",
    fiscal_year="group__fiscal_year",
    area="group__capacity_areas",
    doc="Active places in study groups, for the member and the organization they represent; a fiscal year counts "
    "the places in that year's groups, any other period the places taken in it.",
)


class StudyGroupsProvider(figures.Provider):
    """NGO Study Groups. ``study_group_places``: active places in groups (see its doc)."""

    key = "study_groups"
    label = gettext_lazy("NGO Study Groups")
    order = 40
    measures = (PLACES,)
    headline = "study_group_places"
    organization_table_keys = ("study_groups",)
    programme_table_keys = ("study_groups",)
    counted = {"studygroups.GroupMembership": lambda r: r.organization_id}
    shared = ("studygroups.StudyGroup",)

    def organization_tables_later(self, scope: Scope, period: Period) -> batch.Later[dict[str, Table]]:
        rows = (
            PLACES.queryset(scope, period)
            .values("group__slug", "group__title", "group__fiscal_year", "group__status")
            .annotate(members=Count("user", distinct=True))
            .order_by("-group__fiscal_year", "group__title")
        )
        return batch.Later(lambda: {"study_groups": self._participation_table(rows)}, [rows])

    def _participation_table(self, rows) -> Table:
        statuses = dict(StudyGroup.Status.choices)
        table = Table(
            key="study_groups",
            caption=_("Study group participation"),
            columns=[_("Study group"), _("Fiscal year"), _("Status"), _("Staff taking part")],
            empty=_("No one from the organization is in a study group in this period."),
        )
        for row in rows:
            table.rows.append(
                [
                    row["group__title"],
                    fiscal_year_label(row["group__fiscal_year"]),
                    statuses.get(row["group__status"], row["group__status"]),
                    row["members"],
                ]
            )
            table.links.append(reverse("studygroups:detail", kwargs={"slug": row["group__slug"]}))
        return table

    def programme_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        """The period's groups in the capacity area, with their places; with some organizations chosen, only the
        groups they take part in, counting their places alone. One query."""
        places = PLACES.queryset(Scope(organizations=scope.organizations), period)
        counted = Q(memberships__in=places.values("pk"))
        groups = StudyGroup.objects.all()
        if period.fy is not None:
            groups = groups.filter(fiscal_year=period.fy)
        if scope.area:
            groups = groups.filter(pk__in=StudyGroup.objects.filter(capacity_areas__slug=scope.area).values("pk"))
        if scope.organizations is not None or (period.bounded and period.fy is None):
            groups = groups.filter(pk__in=places.values("group"))
        rows = (
            groups.annotate(
                members=Count("memberships", filter=counted, distinct=True),
                organizations=Count("memberships__organization", filter=counted, distinct=True),
            )
            .values("slug", "title", "fiscal_year", "status", "members", "organizations")
            .order_by("-fiscal_year", "title")
        )
        statuses = dict(StudyGroup.Status.choices)
        table = Table(
            key="study_groups",
            caption=_("Study groups"),
            columns=[_("Study group"), _("Fiscal year"), _("Status"), _("Members"), _("Organizations")],
            empty=_("No study group in this period."),
        )
        for row in rows:
            table.rows.append(
                [
                    row["title"],
                    fiscal_year_label(row["fiscal_year"]),
                    statuses.get(row["status"], row["status"]),
                    row["members"],
                    row["organizations"],
                ]
            )
            table.links.append(reverse("studygroups:detail", kwargs={"slug": row["slug"]}))
        return {"study_groups": table}

    def timeline_rows(self, scope: Scope, period: Period):
        """Places dated by when they were taken (not by the group's fiscal year)."""
        return timeline.columns(
            PLACES.queryset(scope).filter(period.q("created_at")),
            when="created_at",
            person="user",
            subject="group__title",
            path="group__slug",
        )

    def timeline_events(self, rows: list[timeline.Row]) -> list[Event]:
        return [
            Event(
                when=row.when,
                kind=_("Study group"),
                text=_("%(name)s joined %(group)s") % {"name": row.person, "group": row.subject},
                url=StudyGroup(slug=row.path).get_absolute_url(),
            )
            for row in rows
        ]

    def recommendations_later(self, area_ids: list[int], limit: int) -> batch.Later[dict[str, list]]:
        return batch.lists(
            study_groups=StudyGroup.objects.filter(
                capacity_areas__in=area_ids, status__in=[StudyGroup.Status.RECRUITING, StudyGroup.Status.ACTIVE]
            )
            .distinct()
            .order_by("-fiscal_year", "title")[:limit]
        )

    def member_records(self, user, organization_id: int | None) -> dict[str, list]:
        """Every group the member applied to or is in (not declined or removed), newest year first."""
        memberships = GroupMembership.objects.filter(user=user).exclude(
            status__in=[GroupMembership.Status.DECLINED, GroupMembership.Status.REMOVED]
        )
        if organization_id is not None:
            memberships = memberships.filter(organization=organization_id)
        return {
            "study_groups": list(memberships.select_related("group").order_by("-group__fiscal_year", "group__title"))
        }

    def learner_figures_later(self, user) -> batch.Later[dict]:
        return batch.lists(study_groups=groups_for_user(user))
