"""Forms for consultation, answering and recording consultations, and for availability."""

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.files import UploadRule
from lms.forms import BoundedTextMixin, bound_date, plausible_date_validators
from lms.writing import MarkdownField, PreviewMixin
from organizations.models import CapacityArea, Organization, Region

from .availability import parse_slot_key
from .models import AdvisorProfile, ConsultationRecord, Mode, OutreachRequest, WeeklyRule

# The advisor opens it: documents and images they can read, at most 5 MB.
ATTACHMENT_RULE = UploadRule(
    extensions=("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "pptx", "txt", "csv"), max_bytes=5 * 1024 * 1024
)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    area = forms.ChoiceField(label=_("Expertise"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    mode = forms.ChoiceField(label=_("Consultation mode"), required=False)
    language = forms.CharField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("Any"))] + [(a.slug, str(a)) for a in CapacityArea.objects.canonical()]
        self.fields["region"].choices = [("", _("Any"))] + [(r.slug, str(r)) for r in Region.objects.canonical()]
        self.fields["mode"].choices = [("", _("Any")), *Mode.choices]


class SlotField(forms.CharField):
    """A slot key; an unreadable one becomes None so the view can say so (hidden fields show no errors)."""

    widget = forms.HiddenInput

    def to_python(self, value):
        return parse_slot_key(super().to_python(value) or "")


class ConsultationForm(PreviewMixin, forms.Form):
    start = SlotField(label=_("Time"), required=False)
    organization = forms.ModelChoiceField(label=_("Your organization"), queryset=Organization.objects.none())
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=CapacityArea.objects.canonical())
    mode = forms.ChoiceField(label=_("How would you like to meet?"), widget=forms.RadioSelect)
    question = MarkdownField(
        label=_("Your question"),
        rows=6,
        max_length=5000,
        help_text=_("What would you like to discuss? Background helps the advisor prepare."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        validators=[ATTACHMENT_RULE],
        help_text=_("PDF, Word, Excel, PowerPoint, image, text or CSV; at most 5 MB. Only you and the advisor see it."),
    )
    follow_up_of = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, advisor: AdvisorProfile, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(memberships__user=user).order_by("name").distinct()
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:  # the person's only organization is the likely choice
            self.fields["organization"].initial = organizations[0].pk
        covered = advisor.expertise.all()
        if covered:  # only the topics this advisor covers
            self.fields["topic"].queryset = CapacityArea.objects.canonical().filter(pk__in=covered)
        self.fields["mode"].choices = advisor.modes
        if len(advisor.modes) == 1:
            self.fields["mode"].initial = advisor.modes[0][0]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ConfirmForm(forms.Form):
    arrangements = forms.CharField(
        label=_("Arrangements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Meeting link, phone arrangement or room. Leave as is to use your usual arrangements."),
    )


class RescheduleForm(forms.Form):
    start = forms.ChoiceField(label=_("New time"))

    def __init__(self, *args, slot_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = slot_choices

    def clean_start(self):
        start = parse_slot_key(self.cleaned_data["start"])
        if start is None:
            raise ValidationError(_("Please choose a time from the list."))
        return start


FOLLOW_UP_MAX_LENGTH = 1000


class RecordForm(PreviewMixin, BoundedTextMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ConsultationRecord.Outcome.choices)
    summary = MarkdownField(
        label=_("Summary"),
        rows=5,
        help_text=_("Shared with the learner and their organization's managers."),
    )
    private_notes = MarkdownField(
        label=_("Private notes"),
        required=False,
        rows=3,
        help_text=_("Seen only by you and programme staff."),
    )
    follow_up_1 = MarkdownField(label=_("Follow-up action 1"), required=False, rows=2, max_length=FOLLOW_UP_MAX_LENGTH)
    follow_up_1_due = forms.DateField(
        label=_("Due date 1"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    follow_up_2 = MarkdownField(label=_("Follow-up action 2"), required=False, rows=2, max_length=FOLLOW_UP_MAX_LENGTH)
    follow_up_2_due = forms.DateField(
        label=_("Due date 2"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date(self.fields["follow_up_1_due"])
        bound_date(self.fields["follow_up_2_due"])

    def follow_ups(self):
        return [
            (self.cleaned_data.get(f"follow_up_{n}", ""), self.cleaned_data.get(f"follow_up_{n}_due")) for n in (1, 2)
        ]


class FeedbackForm(BoundedTextMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was the consultation?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 is the most helpful."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AdvisorSettingsForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = AdvisorProfile
        fields = [
            "headline",
            "bio",
            "office",
            "languages",
            "time_zone",
            "holiday_country",
            "accepting_consultations",
            "auto_confirm",
            "offers_in_person",
            "offers_phone",
            "offers_online",
            "offers_email",
            "slot_minutes",
            "buffer_minutes",
            "min_notice_hours",
            "consultation_window_days",
            "max_per_day",
            "cancellation_deadline_hours",
            "meeting_link",
            "phone_arrangement",
            "room",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


class WeeklyRuleForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WeeklyRule.Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))


class DateOverrideForm(BoundedTextMixin, forms.Form):
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=plausible_date_validators()
    )
    start_time = forms.TimeField(
        label=_("From"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Leave both times empty to close the day."),
    )
    end_time = forms.TimeField(label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class BlockedPeriodForm(forms.Form):
    first_day = forms.DateField(label=_("First day away"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Last day away"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date(self.fields["first_day"])
        bound_date(self.fields["last_day"])

    def clean(self):
        data = super().clean()
        if data.get("first_day") and data.get("last_day") and data["last_day"] < data["first_day"]:
            raise ValidationError(_("The last day must not be before the first."))
        return data

    def period(self, zone) -> tuple[datetime, datetime]:
        """Whole local days in the advisor's zone, as instants."""
        start = datetime.combine(self.cleaned_data["first_day"], time.min, tzinfo=zone)
        end = datetime.combine(self.cleaned_data["last_day"] + timedelta(days=1), time.min, tzinfo=zone)
        return start, end


class HolidayForm(forms.Form):
    """Open a national holiday for consultations, or close it again."""

    day = forms.DateField(label=_("Date"), widget=forms.HiddenInput, validators=plausible_date_validators())
    action = forms.ChoiceField(
        choices=[("open", pgettext_lazy("holiday", "Open")), ("close", pgettext_lazy("holiday", "Closed"))],
        widget=forms.HiddenInput,
    )


class OutreachRequestForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = OutreachRequest
        fields = ["requester_kind", "requester_name", "format", "event_date", "place", "audience", "theme", "topic"]
        widgets = {"event_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date(self.fields["event_date"])


class OutreachAssignForm(forms.Form):
    advisor = forms.ModelChoiceField(
        label=_("Advisor"), queryset=AdvisorProfile.objects.listed().select_related("user")
    )


class OutreachReportForm(BoundedTextMixin, forms.Form):
    attendance = forms.IntegerField(label=pgettext_lazy("head count", "Attendance"), min_value=0, max_value=100_000)
    topics_raised = forms.CharField(label=_("Topics raised"), widget=forms.Textarea(attrs={"rows": 4}))


class ProgrammeFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    region = forms.ChoiceField(label=_("Advisor's region"), required=False)
    advisor = forms.ChoiceField(label=_("Advisor"), required=False)
    month = forms.RegexField(label=_("Month (YYYY-MM)"), regex=r"^\d{4}-\d{2}$", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any"))] + [(a.slug, str(a)) for a in CapacityArea.objects.canonical()]
        self.fields["region"].choices = [("", _("Any"))] + [(r.slug, str(r)) for r in Region.objects.canonical()]
        self.fields["advisor"].choices = [("", _("Any"))] + [
            (a.slug, str(a)) for a in AdvisorProfile.objects.select_related("user")
        ]
