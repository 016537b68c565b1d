"""The API walks the same workflow as the pages, through the same actions and doors."""

from __future__ import annotations

from gospablik.approvals.models import Submission
from tests.approvals.conftest import H, client_for, fresh_code

API = f"/api/m/{H}/approvals"
PAYLOAD = {
    "kind": "operational",
    "title": "Отключение воды в поликлинике №3",
    "description": "Срочно",
    "items": [{"text": "Сегодня с 12 до 15 воды не будет", "networks": ["vk"]}],
    "submit": True,
}


def post(user, path, data):
    return client_for(user).post(f"{API}{path}", data, content_type="application/json")


def test_cur_creates_and_submits(cur):
    response = post(cur, "/submissions/", PAYLOAD)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["rounds"][0]["due_at"]


def test_an_unknown_network_is_refused(cur):
    payload = {**PAYLOAD, "items": [{"text": "x", "networks": ["telegram"]}]}
    response = post(cur, "/submissions/", payload)
    assert response.status_code == 400 and not Submission.objects.exists()


def test_a_reviewer_cannot_create_submissions(komiac):
    assert post(komiac, "/submissions/", PAYLOAD).status_code == 403


def test_the_whole_round_through_the_api(cur, komiac, signer, device):
    pk = post(cur, "/submissions/", PAYLOAD).json()["id"]
    remark = post(komiac, f"/submissions/{pk}/remarks/", {"text": "Укажите адрес"})
    assert remark.status_code == 201
    signed = post(
        signer, f"/submissions/{pk}/sign/", {"decision": "returned", "otp": fresh_code(device)}
    )
    assert signed.status_code == 200, signed.content
    assert signed.json()["docx_sha256"] and signed.json()["documents"]["pdf"].endswith(".pdf")
    late = post(komiac, f"/submissions/{pk}/remarks/", {"text": "Ещё"})
    assert late.status_code == 400
    remarks = client_for(cur).get(f"{API}/submissions/{pk}/remarks/").json()
    assert [r["text"] for r in remarks] == ["Укажите адрес"]
    again = post(
        cur,
        f"/submissions/{pk}/resubmit/",
        {
            **PAYLOAD,
            "items": [
                {"id": Submission.objects.get().items.get().pk, "text": "С 12 до 15, ул. Ленина, 3"}
            ],
        },
    )
    assert again.status_code == 200 and len(again.json()["rounds"]) == 2


def test_signing_needs_the_code(cur, signer, device):
    pk = post(cur, "/submissions/", PAYLOAD).json()["id"]
    response = post(signer, f"/submissions/{pk}/sign/", {"decision": "approved", "otp": "000000"})
    assert response.status_code == 400 and "otp" in response.json()


def test_requests_and_the_report(cur, komiac, signer):
    created = post(
        cur,
        "/requests/",
        {"topic": "Статистика", "questions": "Сколько привито?", "needed_by": "2099-12-31"},
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (
        post(komiac, f"/requests/{pk}/answer/", {"text": "12 000"}).json()["status"] == "answered"
    )
    assert (
        post(
            cur, f"/requests/{pk}/ask-again/", {"text": "По районам?", "needed_by": "2099-12-31"}
        ).status_code
        == 200
    )
    report = client_for(signer).get(f"{API}/report/?month=2099-12").json()
    row = next(r for r in report if r["kind"] == "information_request")
    assert (row["total"], row["on_time"], row["pending"]) == (2, 1, 1)
