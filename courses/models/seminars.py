"""Seminars: listing and seminar pages, their sessions, registrations, attendance and feedback."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from organizations.models import default_language_only, time_zone_choices


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class SeminarIndexPage(Page):
    """The seminar listing at /seminars/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.SeminarPage"]
    max_count = 1

    class Meta:
        verbose_name = _("seminar listing")

    def get_context(self, request, *args, **kwargs):
        from courses.forms import SeminarFilterForm
        from courses.selectors import seminar_listing

        context = super().get_context(request, *args, **kwargs)
        form = SeminarFilterForm(request.GET or None)
        filters = {}
        if form.is_bound:
            form.is_valid()  # apply the filters that are valid, ignore the rest
            filters = form.cleaned_data
        context["filter_form"] = form
        context.update(seminar_listing(index=self, filters=filters))
        return context


class SeminarPageForm(WagtailAdminPageForm):
    """A translation takes its sessions from the original-language page, so it may have none of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from lms.translations import canonical

        sessions = self.formsets.get("sessions")
        if sessions is not None and self.instance.pk and canonical(self.instance).pk != self.instance.pk:
            sessions.min_num = 0
            sessions.validate_min = False


class SeminarPage(Page):
    summary = models.TextField(_("summary"))
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    capacity_areas = ParentalManyToManyField(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("capacity areas"),
        blank=True,
        related_name="seminars",
    )
    region = models.ForeignKey(
        "organizations.Region",
        limit_choices_to=default_language_only,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminars",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the seminar's card in listings."),
    )
    body = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("programme"))
    recording_url = models.URLField(_("recording"), blank=True, help_text=_("Link to the recording, once available."))
    organizers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizers"),
        blank=True,
        related_name="organized_seminars",
        help_text=_("They may see registrations, mark attendance and message registrants."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("capacity_areas"), FieldPanel("region")], heading=_("Catalogue")),
        FieldPanel("body"),
        InlinePanel(
            "sessions",
            label=_("Sessions"),
            min_num=1,
            help_text=_(
                "Sessions belong to the page in the site's main language. Translations show those sessions "
                "and their seats; sessions added to a translation are ignored."
            ),
        ),
        InlinePanel("speakers", label=_("Speakers")),
        InlinePanel("materials", label=_("Materials")),
        FieldPanel("recording_url"),
        FieldPanel("organizers"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.SeminarIndexPage"]
    subpage_types: list[str] = []
    base_form_class = SeminarPageForm
    # Seats are counted on one page: translations (and copies) never duplicate the sessions.
    exclude_fields_in_copy = ["sessions"]

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import seminar_page_context

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context.update(seminar_page_context(seminar=self, user=request.user, preview=preview))
        return context


class SeminarSpeaker(Orderable):
    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    panels = ["name", "affiliation", "bio"]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class SeminarMaterial(Orderable):
    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    for_participants = models.BooleanField(
        _("for participants only"), default=False, help_text=_("Shown only to confirmed registrants.")
    )

    panels = ["document", "title", "for_participants"]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title or str(self.document)


class SeminarSession(Orderable):
    """One meeting of a seminar. Cancel it rather than delete it once people have registered."""

    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("local time zone"), max_length=64, choices=time_zone_choices, default="Asia/Tokyo")
    format = models.CharField(
        _("format"), max_length=16, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True, help_text=_("Shown only to confirmed registrants."))
    capacity = models.PositiveIntegerField(_("seats"), default=30, validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Also the deadline for cancelling. Empty means until the session starts."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    ics_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)

    panels = [
        "title",
        FieldRowPanel(["starts_at", "ends_at"]),
        "time_zone",
        "format",
        FieldRowPanel(["venue", "address"]),
        "meeting_url",
        "capacity",
        FieldRowPanel(["registration_opens_at", "registration_closes_at"]),
        "is_cancelled",
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="courses_session_ends_after")
        ]

    def __str__(self):
        return self.title or f"{self.seminar.title} {self.starts_at:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
        if self.format in (SessionFormat.ONLINE, SessionFormat.HYBRID) and not self.meeting_url:
            raise ValidationError({"meeting_url": _("Online and hybrid sessions need a meeting link.")})
        if self.format in (SessionFormat.IN_PERSON, SessionFormat.HYBRID) and not self.venue:
            raise ValidationError({"venue": _("In-person and hybrid sessions need a venue.")})

    @property
    def display_title(self) -> str:
        return self.title or self.seminar.title

    @property
    def calendar_event(self):
        """The public event behind the page's "Add to calendar" links."""
        from courses.selectors import session_calendar_event

        return session_calendar_event(self)

    @property
    def deadline(self):
        return self.registration_closes_at or self.starts_at

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_cancelled or now >= self.deadline:
            return False
        return self.registration_opens_at is None or now >= self.registration_opens_at

    @property
    def is_online(self) -> bool:
        return self.format in (SessionFormat.ONLINE, SessionFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (SessionFormat.IN_PERSON, SessionFormat.HYBRID)

    @property
    def reminder_window_start(self):
        return self.starts_at - timedelta(days=1)


class SeminarRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        SeminarSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="seminar_registrations",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    ics_sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)

    class Meta:
        verbose_name = _("seminar registration")
        verbose_name_plural = _("seminar registrations")
        ordering = ["requested_at", "id"]
        constraints = [
            # Nobody holds two live registrations for one session.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="courses_one_live_registration",
            ),
            # A seat number belongs to one confirmed registration: capacity can never be double-booked.
            models.UniqueConstraint(fields=["session", "seat"], name="courses_unique_session_seat"),
            models.CheckConstraint(
                condition=(Q(status="confirmed", seat__gte=1) | (~Q(status="confirmed") & Q(seat__isnull=True))),
                name="courses_seat_iff_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "requested_at"])]

    def __str__(self):
        return f"{self.user} @ {self.session_id} ({self.status})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED

    @property
    def is_live(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)


class SessionFeedback(models.Model):
    registration = models.OneToOneField(
        SeminarRegistration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (poor) to 5 (excellent)")
    )
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="courses_feedback_rating_range")
        ]

    def __str__(self):
        return f"{self.registration}: {self.rating}"


class SessionMessage(models.Model):
    """A message organizers sent to a session's registrants, kept as a record."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed participants")
        WAITLISTED = "waitlisted", _("People on the waitlist")
        ALL = "all", _("Everyone registered")

    session = models.ForeignKey(
        SeminarSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sender"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.CharField(_("send to"), max_length=16, choices=Audience.choices, default=Audience.CONFIRMED)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
