"""Scale data for NGO Advisors: advisors and past consultations, half of them with a record."""

from datetime import datetime, timedelta

from django.utils import timezone

from lms.fiscal import FISCAL_TZ
from lms.scale import BATCH, ScaleContext
from organizations.models import User

from .models import AdvisorProfile, Consultation, ConsultationRecord


def generate(ctx: ScaleContext) -> None:
    """Each learner books at most once; each advisor's consultations are an hour or more apart, so none overlap."""
    rng, prefix, areas = ctx.rng, ctx.prefix, ctx.capacity_areas
    advisor_users = User.objects.bulk_create(
        [
            User(email=f"{prefix}-advisor-{i}@scale.example.org", password=ctx.password_hash)
            for i in range(ctx.advisors_count)
        ]
    )
    if advisor_users and advisor_users[0].pk is None:
        advisor_users = list(User.objects.filter(email__startswith=f"{prefix}-advisor-").order_by("pk"))
    AdvisorProfile.objects.bulk_create(
        [
            AdvisorProfile(user=u, slug=f"{prefix}-advisor-{i}", region=rng.choice(ctx.regions))
            for i, u in enumerate(advisor_users)
        ]
    )
    profiles = list(AdvisorProfile.objects.filter(slug__startswith=f"{prefix}-advisor-").order_by("pk"))
    expertise = AdvisorProfile.expertise.through
    expertise.objects.bulk_create(
        [expertise(advisorprofile_id=p.pk, capacityarea_id=rng.choice(areas).pk) for p in profiles]
    )
    consultations = []
    next_slot = {p.pk: datetime(ctx.years[0], 4, 1, 10, tzinfo=FISCAL_TZ) for p in profiles}
    for user in rng.sample(ctx.users, len(ctx.users) // 5) if profiles else []:
        advisor = rng.choice(profiles)
        start = next_slot[advisor.pk]
        if start >= timezone.now() - timedelta(hours=2):
            continue
        next_slot[advisor.pk] = start + timedelta(hours=rng.choice([1, 2, 5, 26]))
        consultations.append(
            Consultation(
                advisor=advisor,
                learner=user,
                organization=ctx.organization_of[user.pk],
                topic=rng.choice(areas),
                mode="online",
                question="Scale question.",
                start=start,
                end=start + timedelta(minutes=60),
                status=Consultation.Status.COMPLETED,
            )
        )
    Consultation.objects.bulk_create(consultations, batch_size=BATCH)
    held = list(
        Consultation.objects.filter(advisor__slug__startswith=f"{prefix}-advisor-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ConsultationRecord.objects.bulk_create(
        [
            ConsultationRecord(
                consultation_id=pk, outcome=rng.choice(ConsultationRecord.Outcome.values), summary="Done."
            )
            for pk in held[::2]
        ],
        batch_size=BATCH,
    )
    ctx.log(f"{len(profiles)} advisors, {len(consultations)} consultations")
    ctx.counts["consultations"] = len(consultations)
