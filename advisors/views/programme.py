"""Programme staff: the consultations overview and its CSV export, with the same filters."""

from datetime import UTC

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from lms import audit
from lms.exports import csv_response

from .. import selectors
from ..forms import ProgrammeFilterForm


def _require_staff(request):
    if not request.user.is_programme_staff:
        raise Http404


def _programme_filters(request) -> tuple[ProgrammeFilterForm, dict]:
    form = ProgrammeFilterForm(request.GET or None)
    filters = {k: v or "" for k, v in form.cleaned_data.items()} if form.is_valid() else {}
    return form, filters


@login_required
def programme_overview(request):
    _require_staff(request)
    form, filters = _programme_filters(request)
    consultations = selectors.programme_consultations(**filters)
    page = Paginator(consultations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "advisors/programme.html",
        {
            "overview": selectors.programme_overview(consultations),
            "page_obj": page,
            "form": form,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def programme_export(request):
    _require_staff(request)
    filters = _programme_filters(request)[1]
    consultations = selectors.programme_consultations(**filters)
    audit.record(action="advisors.consultations_exported", actor=request.user, details=filters, request=request)
    rows = selectors.programme_export_rows(consultations)
    return csv_response(selectors.PROGRAMME_EXPORT_COLUMNS, rows, filename="consultations.csv", tz=UTC)
