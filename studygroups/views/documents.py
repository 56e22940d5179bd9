"""Shared documents: uploads, new versions, downloads (members only) and deleting or restoring."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError
from lms.files import private_file_response

from .. import selectors, services
from ..forms import DocumentForm, VersionForm
from .groups import _fail, _render


def document_list(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_upload(
                group=workspace.group,
                by=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                upload=form.cleaned_data["file"],
            )
        except ServiceError as error:
            form.add_error("file", error.message_text)
        else:
            messages.success(request, _("The document was shared with the group."))
            return redirect(document)
    return _render(
        request,
        "document_list.html",
        workspace,
        {
            "documents": selectors.documents_for(workspace.group),
            "deleted": selectors.documents_for(workspace.group, deleted=True),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def document_detail(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    document = selectors.document_in(workspace.group, pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add_version(
                document=document, by=request.user, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            form.add_error("file", error.message_text)
        else:
            messages.success(request, _("The new version was uploaded."))
            return redirect(document)
    can_manage = workspace.is_facilitator or document.created_by_id == request.user.pk
    return _render(
        request,
        "document_detail.html",
        workspace,
        {"document": document, "form": form, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )


def version_download(request, slug, pk, version):
    """The only way a shared file leaves the server: members only, as an inert attachment."""
    workspace = selectors.workspace_for(request.user, slug)
    item = selectors.version_in(workspace.group, pk, version)
    return private_file_response(item.file, filename=item.original_name, content_type=item.content_type)


@require_POST
def document_delete(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    document = selectors.document_in(workspace.group, pk)
    try:
        services.document_delete(document=document, by=request.user)
        messages.success(request, _("The document was deleted. It can be restored from the documents page."))
    except ServiceError as error:
        _fail(request, error)
    return redirect("studygroups:documents", slug=slug)


@require_POST
def document_restore(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    document = selectors.document_in(workspace.group, pk)
    try:
        services.document_restore(document=document, by=request.user)
        messages.success(request, _("The document was restored."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(document)
