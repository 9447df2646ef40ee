from work.tests.conftest import mttq, mttq_reporter, reporter, tasks  # noqa: F401 - the work program's world
