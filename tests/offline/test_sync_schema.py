"""The sync routes against their own OpenAPI description (schemathesis, as the API's suite
does for the service routes): generated valid and invalid batches never get a 5xx, and every
answer is one the document declares."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.api.test_schemathesis import CHECKS

MAX_EXAMPLES = 25


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_sync_routes_never_fail_and_answer_as_documented(live, mode):
    headers = {"Authorization": f"Bearer {live.token}"}
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json", headers=headers)
    operations = [op.ok() for op in schema.get_all_operations() if "/sync/" in op.ok().path]
    assert sorted(op.path for op in operations) == ["/v1/sync/batches", "/v1/sync/key"]
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
