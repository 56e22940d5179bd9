"""The account's own part of a person's data: profile, memberships, invitations, sign-in history."""

from django.utils.translation import gettext as _

from lms.models import AuditEvent
from lms.personal_data import ExportSection, records
from organizations.models import Invitation, JoinRequest, Membership, MembershipRemoval, OrganizationApplication

from .models import DataRequest, EmailPreferences


def account_sections(user) -> list[ExportSection]:
    sections = [
        ExportSection(
            key="profile",
            title=_("Profile"),
            records=records(
                [user],
                [
                    "email",
                    "first_name",
                    "last_name",
                    "display_name",
                    "name_order",
                    "preferred_language",
                    "time_zone",
                    "date_joined",
                    "last_login",
                ],
            ),
        ),
        ExportSection(
            key="memberships",
            title=_("Organization memberships"),
            records=records(
                Membership.objects.filter(user=user).select_related("organization"),
                ["organization", "role", "job_title", "joined_at"],
            ),
        ),
        ExportSection(
            key="past_memberships",
            title=_("Past organization memberships"),
            records=records(
                MembershipRemoval.objects.filter(user=user).select_related("organization"),
                ["organization", "role", "job_title", "joined_at", "removed_at", "restored_at"],
            ),
        ),
        ExportSection(
            key="invitations",
            title=_("Invitations"),
            records=records(
                Invitation.objects.filter(email__iexact=user.email).select_related("organization"),
                ["organization", "email", "role", "status", "created_at", "expires_at", "responded_at"],
            ),
        ),
        ExportSection(
            key="sign_in_history",
            title=_("Sign-in history"),
            records=records(_sign_ins(user), ["created_at", "action", "ip_address"]),
        ),
        ExportSection(
            key="email_preferences",
            title=_("Email preferences"),
            records=records(EmailPreferences.objects.filter(user=user), ["reminders", "digests", "mentions", "news"]),
        ),
        ExportSection(
            key="data_requests",
            title=_("Data requests"),
            records=records(
                DataRequest.objects.filter(user=user),
                ["kind", "state", "created_at", "due_at", "completed_at", "cancelled_at", "expires_at"],
            ),
        ),
    ]
    sections += [
        ExportSection(
            key="join_requests",
            title=_("Requests to join an organization"),
            records=records(
                JoinRequest.objects.filter(user=user).select_related("organization"),
                ["organization", "message", "status", "created_at", "decided_at", "decline_reason"],
            ),
        ),
        ExportSection(
            key="organization_applications",
            title=_("Applications to bring an NGO into the programme"),
            records=records(
                OrganizationApplication.objects.filter(applicant=user),
                [
                    "name_en",
                    "name_ja",
                    "legal_form",
                    "website",
                    "applicant_role",
                    "status",
                    "staff_message",
                    "created_at",
                    "reviewed_at",
                ],
            ),
        ),
    ]
    return sections


def _sign_ins(user):
    from django.db.models import Q

    return AuditEvent.objects.filter(
        Q(action="login.succeeded", target_type=user._meta.label, target_id=str(user.pk))
        | Q(action="login.failed", actor_repr__iexact=user.email)
    ).order_by("-created_at")


def erase_account(user) -> None:
    """The account's own records: job titles go, invitations to the address go; memberships stay anonymous."""
    Membership.objects.filter(user=user).update(job_title="")
    MembershipRemoval.objects.filter(user=user).update(job_title="")
    Invitation.objects.filter(email__iexact=user.email).delete()
