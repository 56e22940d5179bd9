"""Programme staff: outgoing emails that wait or failed, and a way to send them again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms import outbox
from lms.models import OutboxEmail


def _staff_only(request) -> None:
    if not request.user.is_programme_staff:
        raise Http404


@login_required
def outbox_list(request):
    _staff_only(request)
    show = request.GET.get("show", "")
    statuses = [OutboxEmail.Status.PENDING, OutboxEmail.Status.FAILED]
    if show == "sent":
        statuses = [OutboxEmail.Status.SENT]
    emails = OutboxEmail.objects.filter(status__in=statuses).order_by("-created_at")
    counts = {
        "waiting": OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count(),
        "failed": OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).count(),
    }
    page = Paginator(emails, 50).get_page(request.GET.get("page"))
    return render(request, "lms/outbox.html", {"page_obj": page, "counts": counts, "show": show})


@login_required
@require_POST
def outbox_retry(request, pk):
    _staff_only(request)
    email = get_object_or_404(OutboxEmail, pk=pk)
    if email.status == OutboxEmail.Status.SENT:
        messages.info(request, _("This email was already sent."))
    elif outbox.outbox_retry(email=email, by=request.user):
        messages.success(request, _("The email was sent."))
    else:
        messages.error(request, _("The mail server did not take the email. It will be tried again later."))
    return redirect("outbox")
