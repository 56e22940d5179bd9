"""No two active bookings overlap, per advisor and per learner, enforced by PostgreSQL.

Only PostgreSQL can do this (an exclusion constraint over a tstzrange needs
btree_gist for the ``=`` part). On SQLite the service serializes check and insert
instead, so the operation does nothing there. Cancelled and declined bookings are
ignored, so cancelling frees the time.
"""

from django.db import migrations

CONSTRAINTS = {
    "advisors_booking_no_overlap_advisor": "advisor_id",
    "advisors_booking_no_overlap_learner": "learner_id",
}


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE advisors_booking ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({column} WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
            "WHERE (status NOT IN ('cancelled', 'declined'))"
        )


def drop_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE advisors_booking DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("advisors", "0001_initial"),
        ("lms", "0001_btree_gist"),
    ]

    operations = [migrations.RunPython(add_constraints, drop_constraints, elidable=False)]
