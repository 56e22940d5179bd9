"""Advisors, their availability, and consultations (bookings) with records and feedback.

Times of bookings and blocked periods are stored in UTC; weekly rules and date
overrides are wall-clock times in the advisor's own time zone, so a 09:00 rule
stays 09:00 local across daylight-saving changes.
"""

import uuid
import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lms.markdown import markdown_text
from organizations.models import CapacityArea, Organization, Region, default_language_only, time_zone_choices

# "french" -> "French": the English names Django's own catalogues translate.
_LANGUAGE_NAMES = {info["name"].lower(): info["name"] for info in LANG_INFO.values() if "name" in info}


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")
    EMAIL = "email", _("Email")


def private_storage():
    """The project's one private storage (``lms.storage``): never the public media folder or URL."""
    from lms.storage import private_storage as project_private_storage

    return project_private_storage()


def attachment_path(instance, filename: str) -> str:
    """An unguessable name: attachments are served only through a permission-checked view."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"advisors/{uuid.uuid4().hex}.{extension}"


def holiday_country_choices() -> list[tuple[str, str]]:
    """Countries whose national holidays the ``holidays`` package knows (a callable: no migration per release)."""
    from .closures import country_choices

    return [("", _("None: open on public holidays")), *country_choices()]


class AdvisorProfileQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_active=True, user__is_active=True)


class AdvisorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="advisor_profile"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    office = models.CharField(_("office"), max_length=200, blank=True, help_text=_("Regional office or city."))
    region = models.ForeignKey(
        Region,
        limit_choices_to=default_language_only,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisors",
    )
    expertise = models.ManyToManyField(
        CapacityArea,
        limit_choices_to=default_language_only,
        verbose_name=_("expertise"),
        blank=True,
        related_name="advisors",
    )
    languages = models.CharField(_("languages"), max_length=200, default="Japanese", help_text=_("Comma-separated."))
    offers_in_person = models.BooleanField(_("offers in-person consultations"), default=True)
    offers_phone = models.BooleanField(_("offers phone consultations"), default=True)
    offers_online = models.BooleanField(_("offers online consultations"), default=True)
    offers_email = models.BooleanField(_("offers consultations by email"), default=False)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="Asia/Tokyo")
    holiday_country = models.CharField(
        _("closed on the national holidays of"),
        max_length=2,
        blank=True,
        default="JP",
        choices=holiday_country_choices,
        help_text=_("Those days offer no times unless you open one on your availability page."),
    )
    accepting_bookings = models.BooleanField(_("accepting bookings"), default=True)
    auto_confirm = models.BooleanField(
        _("confirm bookings automatically"), default=False, help_text=_("Otherwise each request waits for you.")
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between consultations (minutes)"), default=15, validators=[MaxValueValidator(120)]
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=24, validators=[MaxValueValidator(24 * 30)]
    )
    booking_window_days = models.PositiveSmallIntegerField(
        _("booking window (days ahead)"), default=42, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    max_per_day = models.PositiveSmallIntegerField(
        _("maximum consultations per day"), default=4, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("learner cancellation deadline (hours before)"), default=24, validators=[MaxValueValidator(24 * 14)]
    )
    meeting_link = models.URLField(_("online meeting link"), blank=True)
    phone_arrangement = models.CharField(_("phone arrangement"), max_length=300, blank=True)
    room = models.CharField(_("room or address for in-person consultations"), max_length=300, blank=True)
    is_active = models.BooleanField(_("listed in the directory"), default=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = AdvisorProfileQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("advisor profile")
        verbose_name_plural = _("advisor profiles")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("advisors:detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def modes(self) -> list[tuple[str, str]]:
        offered = {
            Mode.IN_PERSON: self.offers_in_person,
            Mode.PHONE: self.offers_phone,
            Mode.ONLINE: self.offers_online,
            Mode.EMAIL: self.offers_email,
        }
        return [(mode.value, mode.label) for mode, on in offered.items() if on]

    @property
    def languages_list(self) -> list[str]:
        return [item.strip() for item in self.languages.split(",") if item.strip()]

    @property
    def languages_shown(self) -> list[str]:
        """The languages in the reader's language where the advisor wrote a language's English name."""
        return [
            gettext(_LANGUAGE_NAMES[item.lower()]) if item.lower() in _LANGUAGE_NAMES else item
            for item in self.languages_list
        ]


class WeeklyRule(models.Model):
    """A recurring window of availability, wall-clock time in the advisor's zone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="weekly_rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")), name="weekly_rule_order")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class DateOverride(models.Model):
    """Replaces the weekly rules on one local date: other hours, or none (closed)."""

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="date_overrides")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("date override")
        verbose_name_plural = _("date overrides")

    def __str__(self):
        if self.is_closed:
            return f"{self.date} closed"
        return f"{self.date} {self.start_time:%H:%M}-{self.end_time:%H:%M}"

    @property
    def is_closed(self) -> bool:
        return self.start_time is None or self.end_time is None


class HolidayOpening(models.Model):
    """A national holiday the advisor works on after all: their weekly hours apply that day."""

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="holiday_openings")
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        verbose_name = _("opened holiday")
        verbose_name_plural = _("opened holidays")
        constraints = [models.UniqueConstraint(fields=["advisor", "date"], name="holiday_opening_once")]

    def __str__(self):
        return f"{self.advisor} {self.date}"


class BlockedPeriod(models.Model):
    """Holidays, travel: no consultations between these instants."""

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="blocked_periods")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("blocked period")
        verbose_name_plural = _("blocked periods")
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="blocked_order")]

    def __str__(self):
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d} {self.reason}"

    @property
    def local_span(self) -> tuple[datetime, datetime, bool]:
        """(first, last, whole_days) in the advisor's zone: a period entered as whole days (28 Dec to
        4 Jan) is stored up to the midnight after its last day, and shown as ending on that last day."""
        zone = self.advisor.zone
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        whole_days = start.time() == time.min and end.time() == time.min
        return start, (end - timedelta(days=1)) if whole_days else end, whole_days


class Booking(models.Model):
    """A consultation: a case with a time, a question, and later a record and feedback.

    On PostgreSQL two exclusion constraints (added by migration 0002) forbid overlapping
    active bookings per advisor and per learner; cancelled and declined ones are ignored.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the advisor")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", pgettext_lazy("booking status", "Declined")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", pgettext_lazy("booking status", "Completed")
        NO_SHOW = "no_show", _("No-show")

    INACTIVE = (Status.DECLINED, Status.CANCELLED)
    OPEN = (Status.PENDING, Status.CONFIRMED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    advisor = models.ForeignKey(
        AdvisorProfile, verbose_name=_("advisor"), on_delete=models.PROTECT, related_name="bookings"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("consultation", "learner"),
        on_delete=models.PROTECT,
        related_name="advisor_bookings",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="advisor_bookings"
    )
    topic = models.ForeignKey(
        CapacityArea,
        limit_choices_to=default_language_only,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="advisor_bookings",
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    question = models.TextField(_("your question"))
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    arrangements = models.TextField(
        _("arrangements"), blank=True, help_text=_("Meeting link, phone arrangement or room; shown once confirmed.")
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_bookings",
    )
    sequence = models.PositiveIntegerField(default=0, help_text=_("RFC 5545 SEQUENCE of the invitation."))
    reschedule_count = models.PositiveSmallIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_order")]
        indexes = [
            models.Index(fields=["advisor", "start"]),
            models.Index(fields=["learner", "start"]),
            models.Index(fields=["status", "start"]),
        ]

    def __str__(self):
        return f"{self.advisor} / {self.learner} {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("advisors:consultation", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status not in self.INACTIVE

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()

    @property
    def cancellation_deadline(self):
        return self.start - timedelta(hours=self.advisor.cancellation_deadline_hours)

    @property
    def advisor_local_start(self):
        return self.start.astimezone(self.advisor.zone)

    @property
    def duration_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


class ConsultationRecord(models.Model):
    """What came of a consultation: the summary is shared, the notes are not."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Question answered")
        PARTLY = "partly", _("Partly answered, follow-up needed")
        REFERRED = "referred", _("Referred to another service")
        ONGOING = "ongoing", _("Ongoing case, further sessions planned")

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="record")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    summary = models.TextField(_("summary"), help_text=_("Shared with the learner and their organization's managers."))
    private_notes = models.TextField(
        _("private notes"), blank=True, help_text=_("Seen only by you and programme staff.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation record")
        verbose_name_plural = _("consultation records")

    def __str__(self):
        return f"{self.booking}: {self.get_outcome_display()}"


class FollowUp(models.Model):
    """Something to do after a consultation; the action is written in Markdown like the record's summary."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(pgettext_lazy("follow-up", "action"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        """The action as one line of plain text, for lists and links (the page shows it formatted)."""
        return Truncator(" ".join(markdown_text(self.description).split())).chars(120)


class Feedback(models.Model):
    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_range")
        ]

    def __str__(self):
        return f"{self.booking}: {self.rating}"


class OutreachRequest(models.Model):
    """A school, local government or NGO asks for a lecture or a consultation desk at an event."""

    class RequesterKind(models.TextChoices):
        SCHOOL = "school", _("School or university")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        NGO = "ngo", _("NGO")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        DESK = "desk", _("Consultation desk")

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("outreach status", "Requested")
        ASSIGNED = "assigned", _("Advisor assigned")
        CONFIRMED = "confirmed", _("Confirmed by the advisor")
        REPORTED = "reported", _("Report filed")
        CANCELLED = "cancelled", _("Cancelled")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requester_kind = models.CharField(_("requesting body"), max_length=20, choices=RequesterKind.choices)
    requester_name = models.CharField(_("name of the requesting body"), max_length=200)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.LECTURE)
    event_date = models.DateField(_("event date"))
    place = models.CharField(_("place"), max_length=300)
    audience = models.CharField(_("audience"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300)
    topic = models.ForeignKey(
        CapacityArea,
        limit_choices_to=default_language_only,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    advisor = models.ForeignKey(
        AdvisorProfile,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_requests",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    attendance = models.PositiveIntegerField(pgettext_lazy("head count", "attendance"), null=True, blank=True)
    topics_raised = models.TextField(_("topics raised"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-event_date"]
        verbose_name = _("outreach request")
        verbose_name_plural = _("outreach requests")

    def __str__(self):
        return f"{self.requester_name}: {self.theme} ({self.event_date})"
