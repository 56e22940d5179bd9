"""Threads and posts; posts are never hard-deleted and keep their edit history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.markdown import render_markdown

from .groups import StudyGroup


class Thread(models.Model):
    group = models.ForeignKey(StudyGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        ordering = ["-pinned", "-last_activity_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["group", "-pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("studygroups:thread", kwargs={"slug": self.group.slug, "pk": self.pk})


class Post(models.Model):
    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="study_posts",
        help_text=_("The organization the author represented in the group when posting."),
    )
    body = models.TextField(_("message"))
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentions"),
        blank=True,
        related_name="study_post_mentions",
        help_text=_("Members picked by name when posting; they are emailed about the post."),
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    edited_at = models.DateTimeField(pgettext_lazy("post field", "edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return f"{self.author} in {self.thread}"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def body_html(self):
        return render_markdown(self.body)


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("message"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("edited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self):
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def body_html(self):
        return render_markdown(self.body)
