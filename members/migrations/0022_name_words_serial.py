"""PostgreSQL: the name words' table is read by one process, as the numbers' table is (0020).

A search of several words reads a range of the words' index in order until it holds a page (members.search). The
planner ran that read in parallel: at 5.6 million members, "nguyen van dat" read 73,000 index rows in 3 processes,
9 ms each, and handed out its first row after 20–34 ms, the rest spent starting the workers and merging their
output; one process reads them in 9 ms.
"""

from django.db import migrations

from config.migration_operations import RunSQLOnPostgreSQL


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0021_copies_lock_their_member"),
    ]

    operations = [RunSQLOnPostgreSQL(["ALTER TABLE members_nameword SET (parallel_workers = 0)"],
                                     ["ALTER TABLE members_nameword RESET (parallel_workers)"])]
