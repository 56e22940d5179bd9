"""Every change to a study group goes through these functions.

Views, management commands, tasks and the demo loader call them; each checks the
rule it enforces and raises ServiceError with a message for the user.
"""

import zoneinfo
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms import audit
from lms.calendar import CalendarEvent, calendar_links, invitation_attachment
from lms.email import EmailKind, absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.files import check_upload
from lms.locking import lock
from lms.markdown import clean_markdown, has_text, markdown_text, render_markdown
from lms.publishing import page_publish_or_submit
from lms.sanitizer import plain_text
from lms.translations import canonical_q
from organizations.models import Membership, Organization

from . import notifications
from .models import (
    Document,
    DocumentVersion,
    GroupMembership,
    Meeting,
    MeetingAttendance,
    MeetingResponse,
    Post,
    PostRevision,
    ReportChapter,
    StudyGroup,
    StudyGroupReportIndexPage,
    StudyGroupReportPage,
    Thread,
)
from .models.documents import DOCUMENT_RULE

Status = GroupMembership.Status
Role = GroupMembership.Role


def _require_facilitator(group: StudyGroup, user) -> GroupMembership:
    membership = GroupMembership.objects.filter(group=group, user=user, status=Status.ACTIVE).first()
    if membership is None or not membership.is_facilitator:
        raise ServiceError(_("Only the group's facilitators can do this."))
    return membership


def _require_member(group: StudyGroup, user) -> GroupMembership:
    membership = GroupMembership.objects.filter(group=group, user=user, status=Status.ACTIVE).first()
    if membership is None:
        raise ServiceError(_("Only members of the group can do this."))
    return membership


def _default_organization(user) -> Organization | None:
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at").first()
    return membership.organization if membership else None


# Groups


@transaction.atomic
def group_create(
    *,
    by,
    title: str,
    theme: str,
    public_summary: str,
    fiscal_year: int,
    description: str = "",
    slug: str = "",
    lead_organization: Organization | None = None,
    capacity_areas=(),
    facilitators=(),
    status: str = StudyGroup.Status.RECRUITING,
    symposium_date=None,
) -> StudyGroup:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff can create study groups."))
    slug = slugify(slug or title)[:200] or "study-group"
    if slug == "new" or StudyGroup.objects.filter(slug=slug).exists():
        raise ServiceError(_("A study group with this web address already exists."))
    group = StudyGroup.objects.create(
        title=title,
        slug=slug,
        theme=theme,
        description=description,
        public_summary=public_summary,
        fiscal_year=fiscal_year,
        lead_organization=lead_organization,
        status=status,
        symposium_date=symposium_date,
        created_by=by,
    )
    group.capacity_areas.set(capacity_areas)
    for user in facilitators:
        facilitator_assign(group=group, user=user, by=by)
    return group


@transaction.atomic
def group_update(*, group: StudyGroup, by, facilitators=None, capacity_areas=None, **fields) -> StudyGroup:
    editable = {
        "title",
        "theme",
        "description",
        "public_summary",
        "fiscal_year",
        "lead_organization",
        "status",
        "symposium_date",
    }
    unknown = set(fields) - editable
    if unknown:
        raise ServiceError(_("These fields cannot be changed here."))
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    if capacity_areas is not None:
        group.capacity_areas.set(capacity_areas)
    if facilitators is not None and by.is_programme_staff:
        for user in facilitators:
            facilitator_assign(group=group, user=user, by=by)
    return group


@transaction.atomic
def facilitator_assign(*, group: StudyGroup, user, by) -> GroupMembership:
    """Programme staff (or a facilitator) make someone a facilitator, joining them if needed."""
    membership, created = GroupMembership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "status": Status.ACTIVE,
            "role": Role.FACILITATOR,
            "organization": _default_organization(user),
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    if not created:
        membership.status = Status.ACTIVE
        membership.role = Role.FACILITATOR
        membership.decided_by = by
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "role", "decided_by", "decided_at"])
    return membership


# Membership


@transaction.atomic
def membership_apply(*, group: StudyGroup, user, statement: str, organization: Organization | None = None):
    if group.status != StudyGroup.Status.RECRUITING:
        raise ServiceError(_("This study group is not taking applications."))
    statement = (statement or "").strip()
    if len(statement) < 20:
        raise ServiceError(_("Tell the facilitators in a few sentences why you want to join."))
    if organization is not None and not Membership.objects.filter(user=user, organization=organization).exists():
        raise ServiceError(_("You can only represent an organization you belong to."))
    existing = GroupMembership.objects.select_for_update().filter(group=group, user=user).first()
    if existing and existing.status in {Status.ACTIVE, Status.APPLIED, Status.INVITED}:
        raise ServiceError(_("You have already applied to or joined this group."))
    if existing and existing.status == Status.REMOVED:
        raise ServiceError(_("Please contact the facilitators to rejoin this group."))
    membership = existing or GroupMembership(group=group, user=user)
    membership.status = Status.APPLIED
    membership.role = Role.MEMBER
    membership.statement = statement
    membership.organization = organization or _default_organization(user)
    membership.created_at = timezone.now()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a second, simultaneous application by the same person
        raise ServiceError(_("You have already applied to or joined this group."))
    facilitators = [
        m.user
        for m in GroupMembership.objects.filter(
            group=group, role=Role.FACILITATOR, status=Status.ACTIVE
        ).select_related("user")
    ]
    send_templated_email(
        to=facilitators,
        template="studygroups/application_received",
        context={
            "group": group,
            "applicant": user,
            "membership": membership,
            "url": absolute_url(f"/study-groups/{group.slug}/members/"),
        },
    )
    return membership


@transaction.atomic
def membership_invite(*, group: StudyGroup, email: str, by) -> GroupMembership:
    _require_facilitator(group, by)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ServiceError(_("Nobody with this email address has an account yet; ask them to sign up first."))
    existing = GroupMembership.objects.select_for_update().filter(group=group, user=user).first()
    if existing and existing.status in {Status.ACTIVE, Status.INVITED}:
        raise ServiceError(_("This person is already a member or invited."))
    membership = existing or GroupMembership(group=group, user=user)
    membership.status = Status.INVITED
    membership.role = Role.MEMBER
    membership.invited_by = by
    membership.organization = membership.organization or _default_organization(user)
    membership.created_at = timezone.now()
    membership.save()
    send_templated_email(
        to=user,
        template="studygroups/invitation",
        context={"group": group, "inviter": by, "url": absolute_url(group.get_absolute_url())},
    )
    return membership


@transaction.atomic
def invitation_respond(*, membership: GroupMembership, user, accept: bool) -> GroupMembership:
    membership = _locked(membership)
    if membership.user_id != user.pk or membership.status != Status.INVITED:
        raise ServiceError(_("There is no open invitation for you."))
    membership.status = Status.ACTIVE if accept else Status.DECLINED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    return membership


@transaction.atomic
def membership_decide(*, membership: GroupMembership, by, approve: bool) -> GroupMembership:
    _require_facilitator(membership.group, by)
    membership = _locked(membership, facilitator=by)
    if membership.status != Status.APPLIED:
        raise ServiceError(_("This application was already decided."))
    membership.status = Status.ACTIVE if approve else Status.DECLINED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    send_templated_email(
        to=membership.user,
        template="studygroups/application_decided",
        context={
            "group": membership.group,
            "approved": approve,
            "url": absolute_url(membership.group.get_absolute_url()),
        },
    )
    return membership


def _locked(membership: GroupMembership, *, facilitator=None) -> GroupMembership:
    """Membership changes of one group are decided one at a time: the group's row, then the membership's.

    Locking the group too keeps the group's rules (at least one facilitator) true when two
    facilitators act at once; ``facilitator`` is checked again once the lock is held.
    """
    group = lock(membership.group)
    if facilitator is not None:
        _require_facilitator(group, facilitator)
    return lock(membership)


def _facilitator_count(group: StudyGroup) -> int:
    return GroupMembership.objects.filter(group=group, role=Role.FACILITATOR, status=Status.ACTIVE).count()


@transaction.atomic
def membership_set_role(*, membership: GroupMembership, by, role: str) -> GroupMembership:
    _require_facilitator(membership.group, by)
    membership = _locked(membership, facilitator=by)
    if role not in Role.values:
        raise ServiceError(_("Choose a valid role."))
    if membership.status != Status.ACTIVE:
        raise ServiceError(_("Only active members can be given a role."))
    if membership.role == Role.FACILITATOR and role != Role.FACILITATOR and _facilitator_count(membership.group) <= 1:
        raise ServiceError(_("A group needs at least one facilitator."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: GroupMembership, by) -> GroupMembership:
    _require_facilitator(membership.group, by)
    membership = _locked(membership, facilitator=by)
    if membership.status != Status.ACTIVE:
        raise ServiceError(_("This person is not an active member."))
    if membership.role == Role.FACILITATOR and _facilitator_count(membership.group) <= 1:
        raise ServiceError(_("A group needs at least one facilitator."))
    membership.status = Status.REMOVED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        action="studygroups.member_removed", actor=by, target=membership, details={"group": membership.group_id}
    )
    return membership


def membership_set_preference(*, membership: GroupMembership, notify: str) -> GroupMembership:
    if notify not in GroupMembership.Notify.values:
        raise ServiceError(_("Choose a valid notification setting."))
    membership.notify = notify
    membership.save(update_fields=["notify"])
    return membership


# Meetings


def _aware(local: datetime, time_zone: str) -> datetime:
    """Naive wall-clock times are read in the meeting's zone; aware ones are already instants."""
    if timezone.is_aware(local):
        return local
    return local.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))


def meeting_event(meeting: Meeting) -> CalendarEvent:
    parts = [markdown_text(meeting.agenda)]
    if meeting.online_url:
        parts.append(meeting.online_url)
    return CalendarEvent(
        uid=meeting.uid,
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=f"{meeting.group.title}: {meeting.title}",
        description="\n\n".join(p for p in parts if p),
        location=meeting.location or meeting.online_url,
        url=absolute_url(meeting.get_absolute_url()),
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
    )


def _send_meeting_email(meeting: Meeting, template: str, *, cancel: bool = False) -> None:
    members = [
        m.user for m in GroupMembership.objects.filter(group=meeting.group, status=Status.ACTIVE).select_related("user")
    ]
    event = meeting_event(meeting)
    send_templated_email(
        to=members,
        template=f"studygroups/{template}",
        context={
            "meeting": meeting,
            "group": meeting.group,
            "url": absolute_url(meeting.get_absolute_url()),
            "calendar_links": None if cancel else calendar_links(event, kind="meeting", pk=meeting.pk, absolute=True),
        },
        attachments=[invitation_attachment(event, cancel=cancel)],
        kind=EmailKind.REMINDERS if template.endswith("_reminder") else EmailKind.ESSENTIAL,
    )


def _meeting_fields(data: dict) -> dict:
    time_zone = data.get("time_zone") or "Asia/Tokyo"
    starts = _aware(data["starts_at"], time_zone)
    ends = _aware(data["ends_at"], time_zone)
    if ends <= starts:
        raise ServiceError(_("The meeting must end after it starts."))
    return {
        "title": data["title"],
        "starts_at": starts,
        "ends_at": ends,
        "time_zone": time_zone,
        "mode": data.get("mode") or Meeting.Mode.ONLINE,
        "location": data.get("location", ""),
        "online_url": data.get("online_url", ""),
        "agenda": clean_markdown(data.get("agenda", "")),
    }


@transaction.atomic
def meeting_create(*, group: StudyGroup, by, data: dict) -> Meeting:
    """``data`` holds naive local times in ``data['time_zone']``; members get an invitation."""
    _require_facilitator(group, by)
    meeting = Meeting.objects.create(group=group, created_by=by, **_meeting_fields(data))
    _send_meeting_email(meeting, "meeting_invitation")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, data: dict) -> Meeting:
    _require_facilitator(meeting.group, by)
    if meeting.is_cancelled:
        raise ServiceError(_("A cancelled meeting cannot be changed."))
    for name, value in _meeting_fields(data).items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.reminder_sent_at = None
    meeting.save()
    _send_meeting_email(meeting, "meeting_updated")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    _require_facilitator(meeting.group, by)
    if meeting.is_cancelled:
        raise ServiceError(_("This meeting is already cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence"])
    _send_meeting_email(meeting, "meeting_cancelled", cancel=True)
    return meeting


@transaction.atomic
def _require_started(meeting: Meeting) -> None:
    if not meeting.has_started:
        raise ServiceError(_("Minutes and attendance can be recorded once the meeting has started."))


def meeting_record_minutes(*, meeting: Meeting, by, minutes: str) -> Meeting:
    _require_facilitator(meeting.group, by)
    _require_started(meeting)
    meeting.minutes = clean_markdown(minutes)
    meeting.minutes_updated_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_updated_at"])
    return meeting


@transaction.atomic
def meeting_record_attendance(*, meeting: Meeting, by, present_ids) -> int:
    """Mark who was there; ids of anyone but the group's active members are refused."""
    _require_facilitator(meeting.group, by)
    _require_started(meeting)
    members = {m.pk: m for m in GroupMembership.objects.filter(group=meeting.group, status=Status.ACTIVE)}
    present = {int(i) for i in present_ids}
    if not present <= set(members):
        raise ServiceError(_("Attendance can only be recorded for members of this group."))
    now = timezone.now()
    for pk in members:
        MeetingAttendance.objects.update_or_create(
            meeting=meeting,
            membership_id=pk,
            defaults={"present": pk in present, "recorded_by": by, "recorded_at": now},
        )
    return len(present)


@transaction.atomic
def meeting_respond(*, meeting: Meeting, by, answer: str) -> MeetingResponse:
    """A member says whether they are coming; they can change their answer until the meeting starts."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    membership = GroupMembership.objects.filter(group_id=meeting.group_id, user=by, status=Status.ACTIVE).first()
    if membership is None:
        raise ServiceError(_("Only members of this group answer its invitations."))
    if answer not in MeetingResponse.Answer.values:
        raise ServiceError(_("Please answer going, maybe or not going."))
    if meeting.is_cancelled:
        raise ServiceError(_("This meeting was cancelled."))
    if meeting.has_started:
        raise ServiceError(_("This meeting has already started."))
    response, _created = MeetingResponse.objects.update_or_create(
        meeting=meeting, membership=membership, defaults={"answer": answer, "answered_at": timezone.now()}
    )
    return response


def meeting_send_reminders(*, now=None, hours: int = 24) -> int:
    """Remind members of meetings starting within ``hours``; each meeting once."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=hours),
    ).select_related("group")
    count = 0
    for meeting in due:
        with transaction.atomic():
            updated = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if updated:
                _send_meeting_email(meeting, "meeting_reminder")
                count += 1
    return count


# Discussion


def _clean_body(body: str) -> str:
    cleaned = clean_markdown(body)
    if not has_text(cleaned):
        raise ServiceError(_("Write a message."))
    return cleaned


def _mentionable_ids(group: StudyGroup, mentions, *, author) -> set[int]:
    """The picked users who are active members of the group, never the author: anyone else is ignored."""
    ids = {getattr(user, "pk", user) for user in mentions or ()}
    if not ids:
        return set()
    members = GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE, user_id__in=ids)
    return set(members.exclude(user_id=author.pk).values_list("user_id", flat=True))


def _post_create(*, thread: Thread, membership: GroupMembership, body: str, mentions=()) -> Post:
    post = Post.objects.create(
        thread=thread, author=membership.user, organization=membership.organization, body=_clean_body(body)
    )
    post.mentions.set(_mentionable_ids(thread.group, mentions, author=membership.user))
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=post.created_at)
    notifications.notify_new_post(post)
    return post


@transaction.atomic
def thread_create(*, group: StudyGroup, author, title: str, body: str, mentions=()) -> Thread:
    membership = _require_member(group, author)
    title = plain_text(title).strip()
    if not title:
        raise ServiceError(_("Give the thread a title."))
    thread = Thread.objects.create(group=group, title=title[:200], author=author)
    _post_create(thread=thread, membership=membership, body=body, mentions=mentions)
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, mentions=()) -> Post:
    """``mentions``: members picked by name; anyone who is not an active member of the group is ignored."""
    membership = _require_member(thread.group, author)
    if thread.locked and not membership.is_facilitator:
        raise ServiceError(_("This thread is locked."))
    return _post_create(thread=thread, membership=membership, body=body, mentions=mentions)


@transaction.atomic
def post_edit(*, post: Post, by, body: str, mentions=()) -> Post:
    """``mentions`` adds members: only those not mentioned before are emailed, so nobody hears twice."""
    _require_member(post.thread.group, by)
    if post.author_id != by.pk:
        raise ServiceError(_("Only the author can edit a post."))
    post = lock(post)
    if post.is_deleted:
        raise ServiceError(_("Restore the post before editing it."))
    cleaned = _clean_body(body)
    if cleaned != post.body:
        PostRevision.objects.create(post=post, body=post.body, edited_by=by)
        post.body = cleaned
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
    added = _mentionable_ids(post.thread.group, mentions, author=by) - set(post.mentions.values_list("pk", flat=True))
    if added:
        post.mentions.add(*added)
        notifications.notify_mentions(post, added)
    return post


def _can_moderate(post: Post, membership: GroupMembership) -> bool:
    return membership.is_facilitator or post.author_id == membership.user_id


@transaction.atomic
def post_delete(*, post: Post, by) -> Post:
    membership = _require_member(post.thread.group, by)
    if not _can_moderate(post, membership):
        raise ServiceError(_("Only the author or a facilitator can delete a post."))
    post = lock(post)
    if not post.is_deleted:
        post.deleted_at = timezone.now()
        post.deleted_by = by
        post.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.post_deleted", actor=by, target=post)
    return post


@transaction.atomic
def post_restore(*, post: Post, by) -> Post:
    membership = _require_member(post.thread.group, by)
    if not _can_moderate(post, membership):
        raise ServiceError(_("Only the author or a facilitator can restore a post."))
    post = lock(post)
    if post.is_deleted:
        post.deleted_at = None
        post.deleted_by = None
        post.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.post_restored", actor=by, target=post)
    return post


@transaction.atomic
def posts_bulk(*, group: StudyGroup, posts: list[Post], by, action: str) -> int:
    """Delete or restore several posts of one group at once (facilitators only)."""
    _require_facilitator(group, by)
    if any(post.thread.group_id != group.pk for post in posts):
        raise ServiceError(_("All posts must belong to this group."))
    ids = [post.pk for post in posts]
    if action == "delete":
        changed = Post.objects.filter(pk__in=ids, deleted_at__isnull=True)
        ids = list(changed.values_list("pk", flat=True))
        count = changed.update(deleted_at=timezone.now(), deleted_by=by)
    elif action == "restore":
        changed = Post.objects.filter(pk__in=ids, deleted_at__isnull=False)
        ids = list(changed.values_list("pk", flat=True))
        count = changed.update(deleted_at=None, deleted_by=None)
    else:
        raise ServiceError(_("Choose an action."))
    if count:
        audit.record(action=f"studygroups.posts_{action}d", actor=by, target=group, details={"posts": ids})
    return count


@transaction.atomic
def thread_set_flags(*, thread: Thread, by, pinned: bool | None = None, locked: bool | None = None) -> Thread:
    _require_facilitator(thread.group, by)
    if pinned is not None:
        thread.pinned = pinned
    if locked is not None:
        thread.locked = locked
    thread.save(update_fields=["pinned", "locked"])
    return thread


# Documents


def _store_version(*, document: Document, upload, by, note: str = "") -> DocumentVersion:
    name, content_type = check_upload(upload, rule=DOCUMENT_RULE)
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        note=note[:300],
        uploaded_by=by,
    )
    upload.seek(0)
    version.file.save(name, ContentFile(upload.read()), save=False)
    version.save()
    document.current_version = version
    document.updated_at = version.created_at
    document.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def document_upload(*, group: StudyGroup, by, title: str, upload, description: str = "") -> Document:
    _require_member(group, by)
    check_upload(upload, rule=DOCUMENT_RULE)  # refuse before anything is created
    title = plain_text(title).strip()[:200] or upload.name[:200]
    document = Document.objects.create(group=group, title=title, description=plain_text(description), created_by=by)
    _store_version(document=document, upload=upload, by=by)
    return document


@transaction.atomic
def document_add_version(*, document: Document, by, upload, note: str = "") -> DocumentVersion:
    _require_member(document.group, by)
    if document.is_deleted:
        raise ServiceError(_("Restore the document before adding a version."))
    Document.objects.select_for_update().filter(pk=document.pk).first()
    return _store_version(document=document, upload=upload, by=by, note=plain_text(note))


def _can_manage_document(document: Document, membership: GroupMembership) -> bool:
    return membership.is_facilitator or document.created_by_id == membership.user_id


@transaction.atomic
def document_delete(*, document: Document, by) -> Document:
    membership = _require_member(document.group, by)
    if not _can_manage_document(document, membership):
        raise ServiceError(_("Only the person who added the document or a facilitator can delete it."))
    document = lock(document)
    if not document.is_deleted:
        document.deleted_at = timezone.now()
        document.deleted_by = by
        document.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.document_deleted", actor=by, target=document)
    return document


@transaction.atomic
def document_restore(*, document: Document, by) -> Document:
    membership = _require_member(document.group, by)
    if not _can_manage_document(document, membership):
        raise ServiceError(_("Only the person who added the document or a facilitator can restore it."))
    document = lock(document)
    if document.is_deleted:
        document.deleted_at = None
        document.deleted_by = None
        document.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.document_restored", actor=by, target=document)
    return document


# Report


@transaction.atomic
def chapter_create(*, group: StudyGroup, by, title: str, body: str = "") -> ReportChapter:
    _require_member(group, by)
    order = (group.chapters.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    return ReportChapter.objects.create(
        group=group,
        title=plain_text(title)[:200] or _("Untitled chapter"),
        body=clean_markdown(body),
        sort_order=order,
        author=by,
    )


@transaction.atomic
def chapter_update(*, chapter: ReportChapter, by, title: str, body: str) -> ReportChapter:
    membership = _require_member(chapter.group, by)
    if chapter.status == ReportChapter.Status.APPROVED and not membership.is_facilitator:
        raise ServiceError(_("An approved chapter can only be changed by a facilitator."))
    chapter.title = plain_text(title)[:200] or chapter.title
    chapter.body = clean_markdown(body)
    chapter.updated_at = timezone.now()
    if chapter.status == ReportChapter.Status.APPROVED:
        chapter.status = ReportChapter.Status.IN_REVIEW
    chapter.save()
    return chapter


@transaction.atomic
def chapter_submit(*, chapter: ReportChapter, by) -> ReportChapter:
    _require_member(chapter.group, by)
    if chapter.status not in {ReportChapter.Status.DRAFT, ReportChapter.Status.CHANGES_REQUESTED}:
        raise ServiceError(_("This chapter is already in review or approved."))
    if not has_text(chapter.body):
        raise ServiceError(_("Write the chapter before asking for review."))
    chapter.status = ReportChapter.Status.IN_REVIEW
    chapter.save(update_fields=["status"])
    return chapter


@transaction.atomic
def chapter_review(*, chapter: ReportChapter, by, approve: bool, note: str = "") -> ReportChapter:
    _require_facilitator(chapter.group, by)
    if chapter.status != ReportChapter.Status.IN_REVIEW:
        raise ServiceError(_("Only chapters in review can be reviewed."))
    chapter.status = ReportChapter.Status.APPROVED if approve else ReportChapter.Status.CHANGES_REQUESTED
    chapter.reviewed_by = by
    chapter.reviewed_at = timezone.now()
    chapter.review_note = plain_text(note)
    chapter.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    return chapter


def _report_document(group: StudyGroup, version: DocumentVersion | None, by):
    """Copy the chosen workspace file into the public document library."""
    if version is None:
        return None
    from wagtail.documents import get_document_model

    model = get_document_model()
    with version.file.open("rb") as handle:
        content = handle.read()
    document = model(title=_("%(group)s: final report") % {"group": group.title}, uploaded_by_user=by)
    document.file.save(version.original_name, ContentFile(content), save=False)
    document.save()
    return document


@transaction.atomic
def report_publish(
    *,
    group: StudyGroup,
    by,
    title: str,
    intro: str,
    recommendations: str,
    version: DocumentVersion | None = None,
) -> tuple[StudyGroupReportPage, str]:
    """Build the public report page from the approved chapters.

    Returns the page and what happened (lms.publishing's rule): ``published``, ``submitted`` to
    moderation, or ``draft`` when no workflow applies and editors must publish it (the chapters were
    approved by the group, not by programme staff).
    """
    _require_facilitator(group, by)
    chapters = list(group.chapters.order_by("sort_order", "pk"))
    if not chapters:
        raise ServiceError(_("Write and approve at least one chapter first."))
    if any(c.status != ReportChapter.Status.APPROVED for c in chapters):
        raise ServiceError(_("Every chapter must be approved before the report is published."))
    if version is not None and (version.document.group_id != group.pk or version.document.is_deleted):
        raise ServiceError(_("Choose a document of this group."))
    index = StudyGroupReportIndexPage.objects.live().order_by("path").first()
    if index is None:
        raise ServiceError(_("The reports section of the site does not exist yet; ask an editor to create it."))
    body = []
    for chapter in chapters:
        body.append(("heading", {"text": chapter.title, "level": "h2"}))
        body.append(("paragraph", str(render_markdown(chapter.body))))
    members = (
        GroupMembership.objects.filter(group=group, status=Status.ACTIVE, organization__isnull=False)
        .values_list("organization__name", flat=True)
        .distinct()
        .order_by("organization__name")
    )
    fields = {
        "title": plain_text(title)[:255] or group.title,
        "group": group,
        "fiscal_year": group.fiscal_year,
        "lead_organization_name": group.lead_organization.name if group.lead_organization else "",
        "member_organizations": "\n".join(members),
        "intro": plain_text(intro),
        "recommendations": str(render_markdown(recommendations)),
    }
    page = StudyGroupReportPage.objects.filter(canonical_q(), group=group).order_by("-pk").first()
    if page is None:
        slug = slugify(f"{group.slug}-report")[:240]
        page = StudyGroupReportPage(slug=slug, live=False, owner=by, **fields)
        page.body = body
        index.add_child(instance=page)
    else:
        page = page.specific
        for name, value in fields.items():
            setattr(page, name, value)
        page.body = body
    document = _report_document(group, version, by)
    if document is not None:
        page.report_document = document
    return page, page_publish_or_submit(page=page, by=by)
