"""Enable btree_gist on PostgreSQL so exclusion constraints can mix = and &&."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [BtreeGistExtension()]
