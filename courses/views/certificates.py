"""Certificates: public lookup and verification, the learner's PDF and print view, staff revoke and reinstate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from .. import selectors, services
from ..forms import CertificateLookupForm, RevokeCertificateForm


def certificate_lookup(request):
    """Public: /certificates/?code=... finds a certificate by the code printed on it (a GET form)."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        certificate = selectors.certificate_by_code(form.cleaned_data["code"])
        if certificate is not None:
            return redirect(certificate.get_absolute_url())
        form.add_error("code", _("No certificate has this code. Check it against the printed certificate."))
    return render(request, "courses/certificate_lookup.html", {"form": form})


@login_required
def certificate_pdf(request, code: str):
    """The certificate as an A4 PDF, for the learner it names and programme staff."""
    from ..certificate_pdf import certificate_pdf as render_pdf

    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not request.user.is_programme_staff:
        raise Http404
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    response = HttpResponse(render_pdf(certificate, verify_url=verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_verify(request, code: str):
    """Public: anyone holding the link can check that a certificate is genuine."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    can_manage = request.user.is_authenticated and request.user.is_programme_staff
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "can_manage": can_manage, "revoke_form": RevokeCertificateForm()},
    )


@login_required
def certificate_print(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not request.user.is_programme_staff:
        raise Http404
    return render(request, "courses/certificate_print.html", {"certificate": certificate})


@login_required
@require_POST
def certificate_revoke(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None or not request.user.is_programme_staff:
        raise Http404
    form = RevokeCertificateForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("Give a reason for revoking the certificate."))
        services.certificate_revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The certificate was revoked."))
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect(certificate.get_absolute_url())


@login_required
@require_POST
def certificate_reinstate(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None or not request.user.is_programme_staff:
        raise Http404
    services.certificate_reinstate(certificate=certificate, by=request.user)
    messages.success(request, _("The certificate is valid again."))
    return redirect(certificate.get_absolute_url())
