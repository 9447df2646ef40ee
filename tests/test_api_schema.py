"""Every operation of /api/v1/ fuzzed by schemathesis against the OpenAPI schema the API serves, in process (WSGI).

For each operation schemathesis sends its coverage cases (each bound and each wrong type of each parameter and
field, each missing one, other methods) and MAX_EXAMPLES random requests, valid and invalid, as the clerk of ward A
of tests/schema_fixtures.py's world. Each answer must be:

- no server error (5xx; the traceback is in the captured log, django.request);
- a status the operation documents;
- a body that conforms to what the operation documents for that status.

The random requests use an existing id of the right kind as often as a random one (the hooks below); the
coverage cases always do, else each of them would stop at the 404. The inputs are the same on every run (SEED):
a failure found once is found again.

Each request runs in a savepoint rolled back afterwards, so one request neither changes what the next one finds
(not even when it revokes the clerk's token: DELETE /auth/token, /auth/tokens) nor, when the database refuses a
statement, leaves the test's transaction unusable.
"""

import hypothesis
import schemathesis
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance
from schemathesis.generation.meta import TestPhase

from config.wsgi import application
from tests.schema_fixtures import (
    api_world,  # noqa: F401 - a fixture
    first_real_ids,
    in_process_requests,
    is_uuid,
    real_ids,
)

# Random requests per operation (the coverage cases come on top: from 5 to about 300 per operation); with these,
# the whole file takes about 40 s on two cores.
MAX_EXAMPLES = 20
SEED = 1
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

# The schema is served to logged-in users, or to anyone in demo mode, as here, where no one is logged in.
with override_settings(DEMO_MODE=True):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application,
                                            config=schemathesis.Config.from_dict({"seed": SEED}))


def _with_real_ids(value, name: str, path: str):
    """A strategy for `value` in which each UUID may become an existing id of the same kind."""
    if isinstance(value, dict):
        return st.fixed_dictionaries({key: _with_real_ids(item, key, path) for key, item in value.items()})
    if isinstance(value, list):
        return st.tuples(*(_with_real_ids(item, name, path) for item in value)).map(list)
    if is_uuid(value) and (ids := real_ids(name, path)):
        return st.sampled_from([value, *ids])
    return st.just(value)


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    return _with_real_ids(path_parameters, "", context.operation.path)


@schema.hook
def flatmap_query(context, query):
    return _with_real_ids(query, "", context.operation.path)


@schema.hook
def flatmap_body(context, body):
    return _with_real_ids(body, "", context.operation.path)


@schema.parametrize()
@hypothesis.settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                            HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_every_operation_answers_as_its_schema_says(case, api_world, db, settings):  # noqa: F811 - the fixture
    settings.MEDIA_ROOT = api_world.media_root  # where the world's attachment is
    if case.meta is not None and case.meta.phase.name == TestPhase.COVERAGE:
        case.path_parameters = first_real_ids(case.path_parameters, "", case.path)
        case.query = first_real_ids(case.query, "", case.path)
        case.body = first_real_ids(case.body, "", case.path)
    with in_process_requests(), transaction.atomic():
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {api_world.token}"}, checks=CHECKS)
        finally:
            transaction.set_rollback(True)
