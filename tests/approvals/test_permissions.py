"""Every page and endpoint of approvals: other ministries and strangers get 404, ЦУР sees
only its own organization's material, reviewers cannot sign, nobody signs without TOTP."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gospablik.approvals.access import OFF_MESSAGE
from gospablik.approvals.actions.remarks import do_add_remark
from gospablik.approvals.actions.requests import do_answer_request, do_file_request
from gospablik.approvals.actions.signing import do_sign_round
from gospablik.approvals.actions.submissions import (
    ItemData,
    SubmissionData,
    do_create_submission,
    do_submit,
)
from tests.approvals.conftest import H, client_for, fresh_code

READ = [
    "/{m}/approvals/",
    "/{m}/approvals/{s}/",
    "/{m}/approvals/{s}/history/",
    "/{m}/approvals/{s}/rounds/1/remarks.docx",
    "/{m}/approvals/{s}/rounds/1/remarks.pdf",
    "/{m}/approvals/files/{f}/",
    "/{m}/approvals/requests/",
    "/{m}/approvals/requests/{r}/",
    "/{m}/approvals/requests/files/{rf}/",
    "/{m}/approvals/report/",
    "/{m}/approvals/report/export.xlsx",
    "/api/m/{m}/approvals/submissions/",
    "/api/m/{m}/approvals/submissions/{s}/",
    "/api/m/{m}/approvals/submissions/{s}/remarks/",
    "/api/m/{m}/approvals/requests/",
    "/api/m/{m}/approvals/requests/{r}/",
    "/api/m/{m}/approvals/report/",
]
EDIT = [
    "/{m}/approvals/new/",
    "/{m}/approvals/{s}/edit/",
    "/{m}/approvals/{s}/consolidate/",
    "/{m}/approvals/requests/new/",
]
WRITES = [
    ("/{m}/approvals/{s}/submit/", {}),
    ("/{m}/approvals/{s}/withdraw/", {}),
    ("/{m}/approvals/{s}/remarks/", {"anchor": "submission", "text": "x"}),
    ("/{m}/approvals/{s}/sign/", {"decision": "approved", "otp": "123456"}),
    ("/{m}/approvals/{s}/to-plan/", {}),
    ("/api/m/{m}/approvals/submissions/", {"kind": "operational", "title": "x", "items": []}),
    ("/api/m/{m}/approvals/submissions/{s}/submit/", {}),
    ("/api/m/{m}/approvals/submissions/{s}/withdraw/", {}),
    ("/api/m/{m}/approvals/submissions/{s}/remarks/", {"text": "x"}),
    ("/api/m/{m}/approvals/submissions/{s}/sign/", {"decision": "approved", "otp": "1"}),
    ("/api/m/{m}/approvals/submissions/{s}/to-plan/", {}),
    ("/api/m/{m}/approvals/requests/", {"topic": "x", "questions": "x", "needed_by": "2030-01-01"}),
    ("/api/m/{m}/approvals/requests/{r}/answer/", {"text": "x"}),
    ("/api/m/{m}/approvals/requests/{r}/accept/", {}),
]
SECRET = "Секретный спецпроект"


@pytest.fixture
def world(health, cur, cur_org, komiac, signer, device, monkeypatch):
    # The PDF's content is tested elsewhere; here only who may fetch it matters.
    monkeypatch.setattr("gospablik.approvals.documents.to_pdf", lambda doc: b"%PDF-1.7 test")
    upload = SimpleUploadedFile("макет.png", b"\x89PNG fake", content_type="image/png")
    items = [ItemData(text="Текст спецпроекта", networks=["vk"], files=[upload])]
    submission = do_create_submission(
        health,
        actor=cur,
        cur_org=cur_org,
        data=SubmissionData("special_project", SECRET),
        items=items,
    )
    do_submit(submission, actor=cur)
    do_add_remark(submission, actor=komiac, text="Замечание")
    do_sign_round(submission, actor=signer, decision="returned", otp_code=fresh_code(device))
    request = do_file_request(
        health, actor=cur, cur_org=cur_org, topic=SECRET, questions="?", needed_by=date(2099, 1, 1)
    )
    answer_file = SimpleUploadedFile("ответ.txt", b"data")
    message = do_answer_request(request, actor=komiac, text="Ответ", files=[answer_file])
    return {
        "m": H,
        "s": submission.pk,
        "f": submission.items.get().files.get().pk,
        "r": request.pk,
        "rf": message.files.get().pk,
    }


def get_all(client, world, paths) -> dict[str, tuple[int, str]]:
    """Status and body of each path (one fixture setup for the whole table)."""
    result = {}
    for path in paths:
        response = client.get(path.format(**world))
        body = b"" if response.streaming else response.content
        result[path] = (response.status_code, body.decode(errors="ignore"))
    return result


def test_it_hides_everything_from_another_ministry(world, foreign):
    seen = get_all(client_for(foreign), world, READ + EDIT)
    assert {p: code for p, (code, _) in seen.items() if code != 404} == {}
    assert not [p for p, (_, body) in seen.items() if SECRET in body]


def test_it_hides_everything_from_a_user_without_membership(world, outsider):
    seen = get_all(client_for(outsider), world, READ + EDIT)
    assert {p: code for p, (code, _) in seen.items() if code != 404} == {}


def test_it_sends_anonymous_users_to_login(world):
    seen = get_all(Client(), world, READ + EDIT)
    assert {p: code for p, (code, _) in seen.items() if code not in (302, 401, 403)} == {}


def test_foreign_writes_change_nothing(world, foreign):
    client = client_for(foreign)
    codes = {
        path: client.post(path.format(**world), data, content_type="application/json").status_code
        for path, data in WRITES
    }
    assert {p: code for p, code in codes.items() if code != 404} == {}


def test_another_cur_sees_none_of_it(world, cur_other):
    objects = [p for p in READ + EDIT if "{" in p.replace("{m}", "")]
    seen = get_all(client_for(cur_other), world, objects)
    assert {p: code for p, (code, _) in seen.items() if code not in (403, 404)} == {}
    assert not [p for p, (_, body) in seen.items() if SECRET in body]


@pytest.mark.parametrize(
    "path",
    [
        "/{m}/approvals/",
        "/{m}/approvals/requests/",
        "/api/m/{m}/approvals/submissions/",
        "/api/m/{m}/approvals/requests/",
    ],
)
def test_another_cur_lists_only_its_own(world, cur_other, path):
    response = client_for(cur_other).get(path.format(**world))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("path", ["/{m}/approvals/{s}/", "/{m}/approvals/requests/{r}/"])
def test_the_cur_sees_its_own(world, cur, path):
    response = client_for(cur).get(path.format(**world))
    assert response.status_code == 200 and SECRET in response.content.decode()


def test_an_unrelated_department_gets_403(world, legal):
    assert client_for(legal).get("/{m}/approvals/".format(**world)).status_code == 403


@pytest.mark.parametrize("path", ["/{m}/approvals/{s}/consolidate/", "/{m}/approvals/report/"])
def test_cur_cannot_consolidate_or_see_the_report(world, cur, path):
    assert client_for(cur).get(path.format(**world)).status_code == 403


def test_cur_cannot_add_remarks(world, cur):
    path = "/{m}/approvals/{s}/remarks/".format(**world)
    assert client_for(cur).post(path, {"anchor": "submission", "text": "x"}).status_code == 403


def test_a_reviewer_cannot_open_the_signing_page(world, reviewer):
    assert (
        client_for(reviewer).get("/{m}/approvals/{s}/consolidate/".format(**world)).status_code
        == 403
    )


def test_a_reviewer_cannot_sign_through_the_api(health, cur, reviewer):
    from tests.approvals.conftest import make_submission

    submission = make_submission(health, cur)
    path = f"/api/m/{H}/approvals/submissions/{submission.pk}/sign/"
    response = client_for(reviewer).post(
        path, {"decision": "approved", "otp": "123456"}, content_type="application/json"
    )
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_the_signer_without_a_device_is_told_how_to_get_one(health, cur, signer):
    from tests.approvals.conftest import make_submission

    submission = make_submission(health, cur)
    path = f"/{H}/approvals/{submission.pk}/consolidate/"
    page = client_for(signer).get(path).content.decode()
    assert "нужен второй фактор" in page
    response = client_for(signer).post(
        f"/{H}/approvals/{submission.pk}/sign/", {"decision": "approved", "otp": "123456"}
    )
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_the_ministry_head_watches_but_does_not_review(world, head):
    client = client_for(head)
    assert client.get("/{m}/approvals/{s}/".format(**world)).status_code == 200
    path = "/{m}/approvals/{s}/remarks/".format(**world)
    assert client.post(path, {"anchor": "submission", "text": "x"}).status_code == 403


def test_order_001_says_approvals_are_off(social, foreign):
    response = client_for(foreign).get(f"/{social.key}/approvals/")
    assert response.status_code == 404
    assert OFF_MESSAGE in response.content.decode()


def test_order_001_api_says_approvals_are_off(social, foreign):
    response = client_for(foreign).get(f"/api/m/{social.key}/approvals/submissions/")
    assert response.status_code == 404
    assert response.json()["detail"] == OFF_MESSAGE
