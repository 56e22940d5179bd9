"""Scale data, the platform part: vocabulary, organizations, learners and their memberships.

Runs first: it names the batch and leaves the people and organizations on the context for the
schemes (see ``lms.scale``).
"""

from django.contrib.auth.hashers import make_password

from lms.scale import BATCH, PASSWORD, ScaleContext

from .models import CapacityArea, FieldOfActivity, Membership, Organization, Region, User


def _vocabulary() -> tuple[list, list, list]:
    """The canonical lists, topped up to a fixed size so filters by ``scale-area-0`` etc. always match."""
    areas = list(CapacityArea.objects.canonical())
    for index in range(len(areas), 6):
        areas.append(CapacityArea.objects.create(name=f"Scale area {index}", slug=f"scale-area-{index}"))
    regions = list(Region.objects.canonical())
    for index in range(len(regions), 5):
        regions.append(Region.objects.create(name=f"Scale region {index}", slug=f"scale-region-{index}"))
    fields = list(FieldOfActivity.objects.canonical())
    for index in range(len(fields), 4):
        fields.append(FieldOfActivity.objects.create(name=f"Scale field {index}", slug=f"scale-field-{index}"))
    return areas, regions, fields


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    batch = Organization.objects.filter(slug__startswith="scale-").count()
    ctx.prefix = prefix = f"scale-{batch}-{rng.randrange(10**6)}"
    ctx.capacity_areas, ctx.regions, ctx.fields_of_activity = _vocabulary()

    orgs = Organization.objects.bulk_create(
        [
            Organization(name=f"Scale NGO {prefix} {i}", slug=f"{prefix}-org-{i}", region=rng.choice(ctx.regions))
            for i in range(ctx.organizations_count)
        ],
        batch_size=BATCH,
    )
    through = Organization.fields_of_activity.through
    through.objects.bulk_create(
        [
            through(organization_id=o.pk, fieldofactivity_id=f.pk)
            for o in orgs
            for f in rng.sample(ctx.fields_of_activity, 2)
        ],
        batch_size=BATCH,
    )
    ctx.organizations = orgs
    ctx.log(f"{len(orgs)} organizations")

    ctx.password_hash = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}-{i}@scale.example.org",
                first_name=f"Learner{i}",
                last_name=prefix,
                password=ctx.password_hash,
            )
            for i in range(ctx.learners_count)
        ],
        batch_size=BATCH,
    )
    if not users or users[0].pk is None:  # backends that do not return ids from bulk inserts
        users = list(User.objects.filter(email__startswith=f"{prefix}-").order_by("pk"))
    memberships = []
    # The first organization can be made large (the 1,000-member NGO); the others share the rest.
    big = min(ctx.first_organization_members, len(users))
    rest = orgs[1:] if big and len(orgs) > 1 else orgs
    managed = set()
    for index, user in enumerate(users):
        organization = orgs[0] if index < big else rest[(index - big) % len(rest)]
        ctx.organization_of[user.pk] = organization
        memberships.append(
            Membership(
                user=user,
                organization=organization,
                role=Membership.Role.MEMBER if organization.pk in managed else Membership.Role.MANAGER,
                joined_at=ctx.moment(rng.choice(ctx.years)),
            )
        )
        managed.add(organization.pk)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    ctx.users = users
    ctx.log(f"{len(users)} learners and memberships")
    ctx.counts.update(organizations=len(orgs), learners=len(users))
