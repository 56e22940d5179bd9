"""Issue 19: one vocabulary. The model users know as a consultation was called Booking in the code.

Renames only: the table, the foreign key columns and the indexes follow the new name, no row changes. The
check constraint ``booking_order`` and the PostgreSQL exclusion constraints from 0002
(``advisors_booking_no_overlap_*``) keep their names, which the database carries over with the table.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import organizations.models.vocabulary


class Migration(migrations.Migration):
    dependencies = [
        ("advisors", "0007_follow_up_markdown"),
        ("organizations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Booking", new_name="Consultation"),
        migrations.RenameField(model_name="consultationrecord", old_name="booking", new_name="consultation"),
        migrations.RenameField(model_name="followup", old_name="booking", new_name="consultation"),
        migrations.RenameField(model_name="feedback", old_name="booking", new_name="consultation"),
        migrations.RenameField(
            model_name="advisorprofile", old_name="accepting_bookings", new_name="accepting_consultations"
        ),
        migrations.RenameField(
            model_name="advisorprofile", old_name="booking_window_days", new_name="consultation_window_days"
        ),
        migrations.RenameIndex(
            model_name="consultation",
            new_name="advisors_co_advisor_3c42de_idx",
            old_name="advisors_bo_advisor_4681f8_idx",
        ),
        migrations.RenameIndex(
            model_name="consultation",
            new_name="advisors_co_learner_85c690_idx",
            old_name="advisors_bo_learner_8d056e_idx",
        ),
        migrations.RenameIndex(
            model_name="consultation",
            new_name="advisors_co_status_5896b4_idx",
            old_name="advisors_bo_status_311c4e_idx",
        ),
        migrations.AlterField(
            model_name="consultation",
            name="advisor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="consultations",
                to="advisors.advisorprofile",
                verbose_name="advisor",
            ),
        ),
        migrations.AlterField(
            model_name="consultation",
            name="follow_up_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="follow_up_consultations",
                to="advisors.consultation",
                verbose_name="follow-up of",
            ),
        ),
        migrations.AlterField(
            model_name="consultation",
            name="learner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="advisor_consultations",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.AlterField(
            model_name="consultation",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="advisor_consultations",
                to="organizations.organization",
                verbose_name="organization",
            ),
        ),
        migrations.AlterField(
            model_name="consultation",
            name="topic",
            field=models.ForeignKey(
                limit_choices_to=organizations.models.vocabulary.default_language_only,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="advisor_consultations",
                to="organizations.capacityarea",
                verbose_name="topic",
            ),
        ),
        migrations.AlterField(
            model_name="advisorprofile",
            name="accepting_consultations",
            field=models.BooleanField(default=True, verbose_name="accepting consultations"),
        ),
        migrations.AlterField(
            model_name="advisorprofile",
            name="auto_confirm",
            field=models.BooleanField(
                default=False,
                help_text="Otherwise each request waits for you.",
                verbose_name="confirm consultations automatically",
            ),
        ),
        migrations.AlterField(
            model_name="advisorprofile",
            name="consultation_window_days",
            field=models.PositiveSmallIntegerField(
                default=42,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(180),
                ],
                verbose_name="how far ahead consultations open (days)",
            ),
        ),
    ]
