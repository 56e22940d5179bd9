"""Scale data for NGO Researchers: a placement for one organization in ten, in various states."""

from datetime import date

from lms.scale import BATCH, ScaleContext

from .models import Placement


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    placements = []
    for organization in ctx.organizations[::10]:
        fy = rng.choice(ctx.years)
        placements.append(
            Placement(
                organization=organization,
                capacity_area=rng.choice(ctx.capacity_areas),
                goals="Scale goals.",
                start_date=date(fy, 6, 1),
                end_date=date(fy, 12, 31),
                state=rng.choice([Placement.State.COMPLETED, Placement.State.ACTIVE, Placement.State.REQUESTED]),
            )
        )
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    ctx.log(f"{len(placements)} placements")
    ctx.counts["placements"] = len(placements)
