"""StreamField blocks for lessons and quizzes (the shared ones come from lms.blocks)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.blocks import BaseStreamBlock, CalloutBlock, DocumentBlock, ImageBlock, VideoBlock


class WorksheetBlock(blocks.StructBlock):
    """Reflection prompts a learner works through offline (nothing is stored)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Instructions"))
    prompts = blocks.ListBlock(blocks.CharBlock(max_length=400, label=_("Prompt")), label=_("Prompts"))

    class Meta:
        icon = "form"
        label = _("Worksheet")
        template = "courses/blocks/worksheet_block.html"


class LessonStreamBlock(BaseStreamBlock):
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    worksheet = WorksheetBlock()


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)


class QuestionBlock(blocks.StructBlock):
    """One quiz question. Its correct answers are only ever read on the server."""

    prompt = blocks.CharBlock(label=_("Question"), max_length=500)
    multiple = blocks.BooleanBlock(
        label=_("Multiple answers"), required=False, help_text=_("Learners tick every correct answer.")
    )
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.TextBlock(label=_("Explanation"), required=False, help_text=_("Shown after submitting."))

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = [choice for choice in value["choices"] if choice["correct"]]
        if not correct:
            raise ValidationError(_("Mark at least one answer as correct."))
        if not value["multiple"] and len(correct) > 1:
            raise ValidationError(_("A single-choice question has exactly one correct answer."))
        return value


class QuizStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()
