"""PostgreSQL: the people's name words' table is read by one process, as the members' is (members 0022): a search
reads a range of its index in order until it holds a page, and the planner's parallel read of that range spent more
in starting its workers than the read itself."""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0011_person_words"),
    ]

    operations = [RunSQLOnPostgreSQL(["ALTER TABLE org_personword SET (parallel_workers = 0)"],
                                     ["ALTER TABLE org_personword RESET (parallel_workers)"])]
