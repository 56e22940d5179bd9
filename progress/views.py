from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError
from lms.exports import export_response
from lms.fiscal import fiscal_year_label
from organizations.models import FieldOfActivity, Region

from . import selectors, services
from .charts import bar_chart, line_chart
from .forms import AssessmentForm, TargetForm
from .models import Target

FORMATS = ("csv", "xlsx")


def _filters(request, organization=None) -> dict:
    fy = selectors.fiscal_year_param(request.GET)
    member = selectors.member_param(organization, request.GET) if organization is not None else None
    query = {"fy": fy if fy is not None else "all"}
    if member is not None:
        query["member"] = member.pk
    return {"fy": fy, "member": member, "query": urlencode(query), "fy_label": _year_label(fy)}


def _year_label(fy):
    return fiscal_year_label(fy) if fy is not None else _("All years")


def _organization_to_edit(request, slug):
    """Managers fill in assessments and set targets; programme staff see them but do not act for the NGO."""
    organization = selectors.organization_for_dashboard(request.user, slug, request.GET)
    if not organization.viewer_is_manager:
        raise PermissionDenied
    return organization


def _programme_staff_only(request) -> None:
    if not request.user.is_programme_staff:
        raise Http404


@login_required
def organization_dashboard(request, slug):
    organization = selectors.organization_for_dashboard(request.user, slug, request.GET)
    filters = _filters(request, organization)
    page = selectors.single_param(request.GET, "page") or ""
    dashboard = selectors.cached_organization_dashboard(
        organization, filters["fy"], filters["member"], members_page=int(page) if page.isdigit() else 1
    )
    tables = dashboard["tables"]
    charts = {
        "activity": line_chart(
            tables["activity"],
            title=_("Activity by fiscal year"),
            description=_(
                "New members, course completions, seminar attendances, study group places and consultations held "
                "in each of the last four years."
            ),
        ),
        "scores": line_chart(
            tables["scores"],
            title=_("Self-assessment scores over time"),
            description=_("Average score (1 to 4) per capacity area in each year's latest submitted assessment."),
            minimum=0,
            maximum=4,
        ),
        "latest_scores": bar_chart(
            tables["latest_scores"],
            title=_("Latest score per capacity area"),
            description=_("Average score from 1 (not yet in place) to 4 (exemplary) in the latest assessment."),
            maximum=4,
        ),
        "course_areas": bar_chart(
            tables["course_areas"],
            title=_("Course completions per capacity area"),
            description=_(
                "Courses completed by the organization's staff in the period, by the course's capacity area."
            ),
        ),
        "courses": bar_chart(
            tables["courses"],
            title=_("Completions per course"),
            description=_("Courses completed by the organization's staff, among those enrolled in the period."),
            value_column=2,
        ),
        "consultations": bar_chart(
            tables["consultations"],
            title=_("Consultations by topic"),
            description=_("Consultations booked with NGO advisors in the period, by topic."),
        ),
    }
    return render(
        request,
        "progress/organization_dashboard.html",
        {
            "organization": organization,
            "filters": filters,
            "dashboard": dashboard,
            "tables": tables,
            "charts": charts,
            "year_choices": selectors.fiscal_year_choices(),
            "member_choices": dashboard["member_choices"],
            "assessment": dashboard["open_assessment"],
            "can_edit": organization.viewer_is_manager,
        },
    )


@login_required
def organization_export(request, slug, table, fmt):
    organization = selectors.organization_for_dashboard(request.user, slug, request.GET)
    if fmt not in FORMATS:
        raise Http404
    filters = _filters(request, organization)
    data = selectors.organization_table(table, organization, filters["fy"], filters["member"])
    stem = f"{organization.slug}-{filters['fy'] or 'all'}-{data.key}"
    return export_response(data.columns, data.rows, fmt=fmt, stem=stem, title=data.caption)


@login_required
def member_detail(request, slug, user_id):
    organization = selectors.organization_for_dashboard(request.user, slug, request.GET)
    member = selectors.member_of(organization, user_id)
    return render(
        request,
        "progress/member_detail.html",
        {
            "organization": organization,
            "member": member,
            "overview": selectors.member_overview(organization, member),
            "members_row": selectors.members_table(organization, None, member),
        },
    )


@login_required
def assessment_list(request, slug):
    organization = selectors.organization_for_dashboard(request.user, slug, request.GET)
    return render(
        request,
        "progress/assessment_list.html",
        {
            "organization": organization,
            "responses": selectors.responses_for(organization),
            "assessment": selectors.open_assessment(),
            "can_edit": organization.viewer_is_manager,
        },
    )


@login_required
@require_POST
def assessment_start(request, slug):
    organization = _organization_to_edit(request, slug)
    assessment = selectors.open_assessment()
    if assessment is None:
        raise Http404
    try:
        response = services.assessment_response_start(
            organization=organization, assessment=assessment, user=request.user
        )
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect("progress:assessments", slug=slug)
    return redirect(response)


@login_required
def response_detail(request, slug, pk):
    organization = selectors.organization_for_dashboard(request.user, slug, request.GET)
    response = selectors.response_for(organization, pk)
    answers = selectors.response_answers(response)
    if not response.is_draft or not organization.viewer_is_manager:
        return render(
            request,
            "progress/response_detail.html",
            {"organization": organization, "response": response, "answers": answers},
        )
    form = AssessmentForm(request.POST or None, answers=answers, initial={"summary": response.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_response_save(
                response=response, answers=form.answer_data(), summary=form.cleaned_data["summary"]
            )
            if "submit" in request.POST:
                services.assessment_response_submit(response=response, user=request.user)
                messages.success(request, _("The self-assessment was submitted. Thank you."))
                return redirect("progress:organization", slug=slug)
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(request, _("Your draft was saved."))
        return redirect(response)
    return render(
        request,
        "progress/response_form.html",
        {"organization": organization, "response": response, "form": form},
    )


@login_required
@require_POST
def response_submit(request, slug, pk):
    organization = _organization_to_edit(request, slug)
    response = selectors.response_for(organization, pk)
    try:
        services.assessment_response_submit(response=response, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(response)
    messages.success(request, _("The self-assessment was submitted. Thank you."))
    return redirect("progress:organization", slug=slug)


@login_required
def target_create(request, slug):
    organization = _organization_to_edit(request, slug)
    form = TargetForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            services.target_create(organization=organization, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The target was set."))
            return redirect("progress:organization", slug=slug)
    return render(request, "progress/target_form.html", {"organization": organization, "form": form})


@login_required
def target_edit(request, slug, pk):
    organization = _organization_to_edit(request, slug)
    target = selectors.target_for(organization, pk)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(target=target, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The target was updated."))
            return redirect("progress:organization", slug=slug)
    return render(request, "progress/target_form.html", {"organization": organization, "form": form, "target": target})


@login_required
@require_POST
def target_status(request, slug, pk):
    organization = _organization_to_edit(request, slug)
    target = selectors.target_for(organization, pk)
    status = request.POST.get("status")
    if status not in Target.Status.values:
        raise Http404
    services.target_set_status(target=target, status=status)
    messages.success(request, _("The target was archived.") if status == Target.Status.ARCHIVED else _("Restored."))
    return redirect("progress:organization", slug=slug)


def _programme_filters(request):
    """The dashboard's filters; a value that names nothing is dropped with a message rather than an error."""
    filters, choices, ignored = selectors.programme_filters(request.GET)
    for message in ignored:
        messages.warning(request, message)
    return filters, choices


@login_required
def programme_dashboard(request):
    _programme_staff_only(request)
    programme, choices = _programme_filters(request)
    dashboard = selectors.programme_dashboard(programme)
    tables = dashboard["tables"]
    filters = {
        "fy": programme.fy,
        "query": urlencode(programme.query()),
        "fy_label": _year_label(programme.fy),
        "active": selectors.active_filters(programme, choices),
        "organizations_query": urlencode(
            {k: v for k, v in programme.query().items() if k in ("fy", "region", "field")}
        ),
    }
    charts = {
        "trend": line_chart(
            tables["trend"],
            title=_("Programme activity by fiscal year"),
            description=_(
                "New members, course completions, seminar attendances, study group places, consultations, "
                "placements and self-assessments per year."
            ),
        ),
        "regions": bar_chart(
            tables["regions"],
            title=_("Organizations by region"),
            description=_("Number of organizations in the programme in each region."),
        ),
        "fields": bar_chart(
            tables["fields"],
            title=_("Organizations by field of activity"),
            description=_("Number of organizations working in each field."),
        ),
        "course_rates": tables.get("course_rates")
        and bar_chart(
            tables["course_rates"],
            title=_("Completion rate per course"),
            description=_("Share of enrollments in the period that ended in a completion, in percent."),
            value_column=3,
            maximum=100,
        ),
        "placement_states": tables.get("placement_states")
        and bar_chart(
            tables["placement_states"],
            title=_("Researcher placements by state"),
            description=_(
                "Placements starting in the period, by their current state; requests still waiting count too when "
                "they are for a later fiscal year, and the table says how many of them are."
            ),
        ),
        "topics": tables.get("topics")
        and bar_chart(
            tables["topics"],
            title=_("Consultations per topic"),
            description=_("Consultations booked with NGO advisors in the period, by topic."),
        ),
    }
    return render(
        request,
        "progress/programme_dashboard.html",
        {
            "filters": filters,
            "programme": programme,
            "choices": choices,
            "shows": {scheme: programme.shows(scheme) for scheme in selectors.schemes()},
            "dashboard": dashboard,
            "tables": tables,
            "charts": charts,
            "year_choices": selectors.fiscal_year_choices(),
        },
    )


def _organization_filters(request) -> dict:
    order = selectors.single_param(request.GET, "order") or "name"
    return {
        "region": selectors.single_param(request.GET, "region") or "",
        "field": selectors.single_param(request.GET, "field") or "",
        "order": order if order in selectors.ORGANIZATION_ORDERS else "name",
    }


@login_required
def programme_organizations(request):
    _programme_staff_only(request)
    filters = _filters(request)
    extra = _organization_filters(request)
    organizations = selectors.programme_organizations(filters["fy"], **extra)
    page = Paginator(organizations, 50).get_page(request.GET.get("page"))
    query = filters["query"] + "&" + urlencode({k: v for k, v in extra.items() if v})
    return render(
        request,
        "progress/programme_organizations.html",
        {
            "filters": filters,
            "extra": extra,
            "query": query,
            "page": page,
            "table": selectors.organizations_table(page.object_list),
            "year_choices": selectors.fiscal_year_choices(),
            "regions": Region.objects.canonical(),
            "fields": FieldOfActivity.objects.canonical(),
            "orders": [
                ("name", _("Name")),
                ("members", _("Most members")),
                ("completions", _("Most course completions")),
                ("consultations", _("Most consultations")),
                ("score", _("Highest self-assessment score")),
            ],
        },
    )


@login_required
def programme_export(request, table, fmt):
    _programme_staff_only(request)
    if fmt not in FORMATS:
        raise Http404
    programme, _choices, _ignored = selectors.programme_filters(request.GET)
    data = selectors.programme_table(table, programme, order=_organization_filters(request)["order"])
    stem = f"programme-{programme.fy or 'all'}-{data.key}"
    return export_response(data.columns, data.rows, fmt=fmt, stem=stem, title=data.caption)
