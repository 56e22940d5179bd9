"""Idempotent builders for the demo study groups: each looks its row up by a natural key first."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from lms.demo import get_or_build, update_or_build
from lms.fiscal import fiscal_year_of
from organizations.models import Membership

from .. import services
from ..factories import (
    GroupMembershipFactory,
    MeetingFactory,
    PostFactory,
    ReportChapterFactory,
    StudyGroupFactory,
    ThreadFactory,
)
from ..models import (
    Document,
    GroupMembership,
    Meeting,
    ReportChapter,
    StudyGroup,
    StudyGroupReportIndexPage,
    Thread,
)


def _fy(ctx) -> int:
    return fiscal_year_of(ctx.now)


def _group(ctx, slug, **fields) -> StudyGroup:
    areas = fields.pop("areas")
    defaults = {"description": "", **fields, "created_by": ctx.users["staff"]}
    group, _ = update_or_build(StudyGroupFactory, slug=slug, defaults=defaults)
    group.capacity_areas.set([ctx.capacity_areas[a] for a in areas])
    return group


def _member(
    group,
    user,
    *,
    role=GroupMembership.Role.MEMBER,
    status=GroupMembership.Status.ACTIVE,
    statement="",
    notify=GroupMembership.Notify.EACH,
) -> GroupMembership:
    org = Membership.objects.filter(user=user).select_related("organization").first()
    membership, _ = update_or_build(
        GroupMembershipFactory,
        group=group,
        user=user,
        defaults={
            "role": role,
            "status": status,
            "organization": org.organization if org else None,
            "statement": statement
            or "Our organization wants to compare practice with peers and bring field experience to the report.",
            "notify": notify,
        },
    )
    return membership


def _meeting(
    group,
    title,
    start,
    *,
    hours=2,
    minutes="",
    agenda="",
    mode=Meeting.Mode.ONLINE,
    location="",
    tz="Asia/Tokyo",
    by=None,
) -> Meeting:
    meeting, _ = update_or_build(
        MeetingFactory,
        group=group,
        title=title,
        defaults={
            "starts_at": start,
            "ends_at": start + timedelta(hours=hours),
            "time_zone": tz,
            "mode": mode,
            "location": location,
            "online_url": "https://meet.example.org/" + group.slug if mode != Meeting.Mode.IN_PERSON else "",
            "agenda": agenda,
            "minutes": minutes,
            "minutes_updated_at": start + timedelta(days=1) if minutes else None,
            "created_by": by,
        },
    )
    return meeting


def _thread(group, title, posts, *, pinned=False, now) -> Thread:
    """``posts`` is a list of (membership, Markdown text, hours ago)."""
    first = posts[0][0]
    thread, _ = get_or_build(ThreadFactory, group=group, title=title, defaults={"author": first.user, "pinned": pinned})
    if not thread.posts.exists():
        for membership, body, hours_ago in posts:
            created = now - timedelta(hours=hours_ago)
            PostFactory(
                thread=thread,
                author=membership.user,
                organization=membership.organization,
                body=body,
                created_at=created,
            )
        thread.last_activity_at = now - timedelta(hours=posts[-1][2])
        thread.save(update_fields=["last_activity_at"])
    return thread


def _document(group, title, name, content: bytes, by, description="") -> Document:
    document = Document.objects.filter(group=group, title=title).first()
    if document is None:
        upload = SimpleUploadedFile(name, content)
        document = services.document_upload(group=group, by=by, title=title, upload=upload, description=description)
    return document


def _chapter(group, order, title, body, status, author, reviewer=None) -> ReportChapter:
    chapter, _ = update_or_build(
        ReportChapterFactory,
        group=group,
        title=title,
        defaults={
            "sort_order": order,
            "body": body,
            "status": status,
            "author": author,
            "reviewed_by": reviewer if status == ReportChapter.Status.APPROVED else None,
        },
    )
    return chapter


def _reports_index(ctx) -> StudyGroupReportIndexPage:
    index = StudyGroupReportIndexPage.objects.filter(slug="reports").first()
    if index is None:
        index = StudyGroupReportIndexPage(
            title="Study group reports",
            slug="reports",
            intro="Reports and recommendations published by the NGO Study Groups, one theme per fiscal year.",
        )
        ctx.home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def _pdf(text: str) -> bytes:
    """A tiny, valid one-page PDF so the demo download opens in any reader."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _at(ctx, days: int, hour_utc: int = 5):
    """A tidy meeting time ``days`` from now: 14:00 in Tokyo by default."""
    return (ctx.now + timedelta(days=days)).replace(hour=hour_utc, minute=0, second=0, microsecond=0)
