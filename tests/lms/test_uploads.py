"""The one upload check: each field names its types and size; names, sizes and first bytes are checked alike."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.files import UploadRule, check_upload

PDF = b"%PDF-1.4 fine\n"
RULE = UploadRule(extensions=("pdf", "txt"), max_bytes=1024)


def test_accepted_file_gets_a_clean_name_and_a_type_from_its_extension():
    upload = SimpleUploadedFile("../../Report.PDF", PDF, content_type="text/html")
    assert check_upload(upload, rule=RULE) == ("Report.PDF", "application/pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.docx", b"PK\x03\x04", "Allowed types: pdf, txt"),
        ("report.pdf", b"MZ\x90\x00", "does not match its type (.pdf)"),
        ("polyglot.pdf", b"<html><script>alert(1)</script></html>%PDF-1.4", "does not match"),
        ("notes.txt", b"<script>alert(1)</script>", "web page or script"),
        ("notes.txt", b"text\x00binary", "does not match"),
        ("notes.txt", "氏名".encode("cp932") * 10, "UTF-8"),
        ("big.pdf", PDF + b"0" * 2048, "too large"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refusals_say_why(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content), rule=RULE)
    assert message in " ".join(error.value.messages)


def test_the_default_limit_is_read_when_the_file_arrives(settings):
    rule = UploadRule(extensions=("pdf",))
    settings.LMS_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("a.pdf", PDF), rule=rule)
    settings.LMS_UPLOAD_MAX_BYTES = 1024
    check_upload(SimpleUploadedFile("a.pdf", PDF), rule=rule)


def test_a_rule_is_a_form_field_validator():
    class Form(forms.Form):
        file = forms.FileField(validators=[RULE])

    bad = Form(files={"file": SimpleUploadedFile("x.pdf", b"MZ")})
    assert not bad.is_valid() and "does not match" in bad.errors["file"][0]
    assert Form(files={"file": SimpleUploadedFile("x.pdf", PDF)}).is_valid()


def test_a_rule_only_names_types_it_can_check():
    with pytest.raises(ValueError):
        UploadRule(extensions=("exe",))


def test_every_upload_field_uses_a_rule():
    """Each form FileField in the schemes carries an UploadRule (the invitation CSV is parsed on its own)."""
    from advisors.forms import ConsultationForm
    from placements.forms import AttachmentForm, ResearcherApplicationForm
    from studygroups.forms import DocumentForm, VersionForm

    fields = [
        ConsultationForm.base_fields["attachment"],
        AttachmentForm.base_fields["file"],
        ResearcherApplicationForm.base_fields["cv"],
        DocumentForm.base_fields["file"],
        VersionForm.base_fields["file"],
    ]
    for field in fields:
        assert any(isinstance(v, UploadRule) for v in field.validators), field.label
