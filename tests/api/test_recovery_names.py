"""The server's JSON names an account holder only after a right recovery code or right answers:
step 1 (``POST /v1/recoveries``) needs only a national code, so its body and its documented
schema hold no name; wrong codes and answers answer no name; right ones answer both names."""

from __future__ import annotations

from tests.contract.helpers import (
    last_code,
    registry_names,
    training_account,
    training_answers,
    wrong_code,
)

NAME_KEYS = {"first_name", "last_name"}


def _names_absent(response, names: tuple[str, str]) -> None:
    assert not any(name in response.text for name in names)
    assert not any(key in response.text for key in NAME_KEYS)


def test_step_1_answers_no_name_and_a_right_code_answers_both(server):
    account = training_account("complete")
    names = registry_names(account.national_code)
    with server.http() as http:
        started = http.post("/v1/recoveries", json={"national_code": account.national_code})
        assert started.status_code == 201
        assert set(started.json()) == {"recovery_id", "methods"}
        _names_absent(started, names)
        path = f"/v1/recoveries/{started.json()['recovery_id']}"

        assert http.post(f"{path}/code").status_code == 200
        code = last_code(server.backend, account.mobile)
        wrong = http.post(f"{path}/code-check", json={"code": wrong_code(code)})
        assert wrong.status_code == 422
        _names_absent(wrong, names)

        right = http.post(f"{path}/code-check", json={"code": code})
    assert right.status_code == 200
    assert right.json() == {"first_name": names[0], "last_name": names[1]}


def test_wrong_answers_answer_no_name_and_right_ones_answer_both(server):
    account = training_account("no_mobile")
    names = registry_names(account.national_code)
    with server.http() as http:
        started = http.post("/v1/recoveries", json={"national_code": account.national_code})
        _names_absent(started, names)
        path = f"/v1/recoveries/{started.json()['recovery_id']}/answers-check"
        wrong = http.post(path, json={"answers": ["قرمز", "تبریز", "کارخانه نساجی"]})
        assert wrong.status_code == 422
        _names_absent(wrong, names)
        right = http.post(path, json={"answers": list(training_answers())})
    assert right.status_code == 200
    assert right.json() == {"first_name": names[0], "last_name": names[1]}


def test_the_openapi_document_puts_names_in_the_checks_answers_only(server):
    document = server.http().get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert set(schemas["RecoveryTicket"]["properties"]) == {"recovery_id", "methods"}
    assert set(schemas["RecoveryHolder"]["properties"]) == NAME_KEYS
    paths = document["paths"]
    for check in ("code-check", "answers-check"):
        answers = paths[f"/v1/recoveries/{{recovery_id}}/{check}"]["post"]["responses"]
        schema = answers["200"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/RecoveryHolder"}
        assert "204" not in answers
