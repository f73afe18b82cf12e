"""Property-based tests of the live API from its own OpenAPI document (schemathesis): for every
route, generated valid and invalid requests never get a 5xx, and every answer (status, content
type, headers, body) is one the document declares. Bounded examples keep it under a minute.

Both the plain server and the training server are exercised; the trainer token is used, so
the trainer-only routes are reached too (reset and clock steps included).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import Served, serve

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 25


@pytest.fixture(scope="module", params=["plain", "training"])
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'server.sqlite3'}"
    with serve(url, training=request.param == "training") as server:
        yield server


@pytest.fixture(scope="module")
def api_schema(live: Served) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(
        f"{live.url}/openapi.json", headers={"Authorization": f"Bearer {live.trainer}"}
    )


def _operations(schema: schemathesis.BaseSchema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


# Hypothesis strategies per operation rather than schemathesis' pytest plugin, which does not
# run under pytest 9 (it reads a private attribute pytest removed).
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_error_and_every_answer_is_documented(api_schema, live, mode):
    headers = {"Authorization": f"Bearer {live.trainer}"}
    operations = _operations(api_schema)
    assert len(operations) >= 16
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=live.url, headers=headers, checks=CHECKS)

        check()
