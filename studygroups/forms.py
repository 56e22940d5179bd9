from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.forms import (
    RICH_TEXT_MAX_LENGTH,
    BoundedTextMixin,
    SafeModelMultipleChoiceField,
    bound_date,
    bound_year,
)
from lms.writing import MarkdownField, PreviewMixin
from organizations.models import TIME_ZONE_CHOICES, CapacityArea, Organization

from .models import GroupMembership, Meeting, StudyGroup
from .models.documents import DOCUMENT_RULE

RICH_HELP = _("Write in Markdown: a blank line starts a new paragraph; see the formatting help.")


class GroupForm(BoundedTextMixin, forms.ModelForm):
    facilitators = SafeModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("email"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("They join the group as facilitators. Existing facilitators stay."),
    )

    class Meta:
        model = StudyGroup
        fields = [
            "title",
            "slug",
            "theme",
            "public_summary",
            "description",
            "fiscal_year",
            "lead_organization",
            "status",
            "capacity_areas",
            "symposium_date",
        ]
        widgets = {
            "capacity_areas": forms.CheckboxSelectMultiple,
            "symposium_date": forms.DateInput(attrs={"type": "date"}),
            "public_summary": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"capacity_areas": SafeModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organization"].queryset = Organization.objects.order_by("name")
        self.fields["capacity_areas"].queryset = CapacityArea.objects.canonical()
        self.fields["slug"].required = False
        bound_year(self.fields["fiscal_year"])
        bound_date(self.fields["symposium_date"])
        if self.instance.pk:
            self.fields["slug"].disabled = True


class ApplyForm(forms.Form):
    statement = forms.CharField(
        label=_("Why do you want to join?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=20,
        max_length=4000,
        help_text=_("What your organization brings to the theme and what you hope to learn."),
    )
    organization = forms.ModelChoiceField(label=_("Representing"), queryset=Organization.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = (
            Organization.objects.filter(memberships__user=user).order_by("name")
            if user
            else Organization.objects.none()
        )
        self.fields["organization"].queryset = qs
        if not qs.exists():
            del self.fields["organization"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))


class PreferenceForm(forms.Form):
    notify = forms.ChoiceField(
        label=_("Email me about new posts"), choices=GroupMembership.Notify.choices, widget=forms.RadioSelect
    )


class MeetingForm(PreviewMixin, BoundedTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        initial="Asia/Tokyo",
        help_text=_("The start and end times are in this zone; members see them in their own."),
    )
    mode = forms.ChoiceField(label=_("Format"), choices=Meeting.Mode.choices)
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")
    agenda = MarkdownField(label=_("Agenda"), rows=6, required=False, help_text=RICH_HELP)

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            # The browser sends wall-clock time for the chosen zone, not the viewer's.
            if data.get(name) and timezone.is_aware(data[name]):
                data[name] = timezone.make_naive(data[name])
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        mode = data.get("mode")
        if mode in {Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID} and not data.get("location"):
            self.add_error("location", _("Say where the meeting takes place."))
        if mode in {Meeting.Mode.ONLINE, Meeting.Mode.HYBRID} and not data.get("online_url"):
            self.add_error("online_url", _("Give the link to join online."))
        return data

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        return {
            "title": meeting.title,
            "starts_at": meeting.local_starts_at.replace(tzinfo=None),
            "ends_at": meeting.local_ends_at.replace(tzinfo=None),
            "time_zone": meeting.time_zone,
            "mode": meeting.mode,
            "location": meeting.location,
            "online_url": meeting.online_url,
            "agenda": meeting.agenda,
        }


class MinutesForm(PreviewMixin, BoundedTextMixin, forms.Form):
    text_max_length = RICH_TEXT_MAX_LENGTH

    minutes = MarkdownField(label=_("Minutes"), rows=12, max_length=RICH_TEXT_MAX_LENGTH, help_text=RICH_HELP)


class MemberChoiceField(SafeModelMultipleChoiceField):
    """Members picked by the name they go by in the group, never by (part of) an email address."""

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_short_name()


class MentionMixin:
    """A ``mentions`` picker of the group's other active members when ``members`` (users) are given."""

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["mentions"] = MemberChoiceField(
                label=_("Mention members"),
                queryset=members,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("They get an email about your post unless they turned off email from this group."),
            )


class ThreadForm(PreviewMixin, MentionMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = MarkdownField(label=_("Message"), rows=8, help_text=RICH_HELP)


class PostForm(PreviewMixin, MentionMixin, forms.Form):
    body = MarkdownField(label=_("Your reply"), rows=6, help_text=RICH_HELP)


class DocumentForm(BoundedTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = forms.FileField(
        label=_("File"),
        validators=[DOCUMENT_RULE],
        help_text=_("Allowed types: %(types)s.") % {"types": DOCUMENT_RULE.allowed()},
    )


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"), validators=[DOCUMENT_RULE])
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class ChapterForm(PreviewMixin, BoundedTextMixin, forms.Form):
    text_max_length = RICH_TEXT_MAX_LENGTH

    title = forms.CharField(label=_("Chapter title"), max_length=200)
    body = MarkdownField(label=_("Text"), rows=16, max_length=RICH_TEXT_MAX_LENGTH, required=False, help_text=RICH_HELP)


class ReviewForm(BoundedTextMixin, forms.Form):
    note = forms.CharField(label=_("Note to the author"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PublishForm(PreviewMixin, BoundedTextMixin, forms.Form):
    text_max_length = RICH_TEXT_MAX_LENGTH

    title = forms.CharField(label=_("Report title"), max_length=255)
    intro = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = MarkdownField(
        label=_("Recommendations"), rows=8, max_length=RICH_TEXT_MAX_LENGTH, help_text=RICH_HELP
    )
    version = forms.ChoiceField(
        label=_("Downloadable report file"),
        required=False,
        help_text=_("A shared document (PDF or Word) to offer for download with the report."),
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {str(d.current_version.pk): d.current_version for d in documents if d.current_version}
        self.fields["version"].choices = [("", _("No file"))] + [
            (str(d.current_version.pk), f"{d.title} ({d.current_version.original_name})")
            for d in documents
            if d.current_version
        ]

    def clean_version(self):
        value = self.cleaned_data.get("version")
        return self.versions.get(value) if value else None
