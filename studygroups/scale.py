"""Scale data for NGO Study Groups: a few groups per fiscal year, some learners taking part for their NGO."""

from lms.scale import BATCH, ScaleContext

from .models import GroupMembership, StudyGroup


def generate(ctx: ScaleContext) -> None:
    rng, prefix = ctx.rng, ctx.prefix
    StudyGroup.objects.bulk_create(
        [
            StudyGroup(
                title=f"Study group {prefix} {fy} {i}",
                slug=f"{prefix}-group-{fy}-{i}",
                theme="Scale theme",
                public_summary="Scale group.",
                fiscal_year=fy,
                lead_organization=rng.choice(ctx.organizations),
                status=StudyGroup.Status.ACTIVE,
            )
            for fy in ctx.years
            for i in range(ctx.study_groups_count)
        ]
    )
    groups = list(StudyGroup.objects.filter(slug__startswith=f"{prefix}-group-").order_by("pk"))
    group_members = []
    for user in rng.sample(ctx.users, len(ctx.users) // 6) if groups else []:
        group = rng.choice(groups)
        group_members.append(
            GroupMembership(
                group=group,
                user=user,
                organization=ctx.organization_of[user.pk],
                status=GroupMembership.Status.ACTIVE,
                created_at=ctx.moment(group.fiscal_year),
            )
        )
    GroupMembership.objects.bulk_create(group_members, batch_size=BATCH)
    ctx.log(f"{len(groups)} study groups, {len(group_members)} group members")
    ctx.counts["study_group_members"] = len(group_members)
