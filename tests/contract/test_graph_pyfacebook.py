"""python-facebook-api (https://pypi.org/project/python-facebook-api/) against the Facebook
Pages and Instagram Graph emulators, with only ``base_url`` pointing at them."""

from __future__ import annotations

import pytest
from pyfacebook import FacebookError, GraphAPI

from gospablik_emulators.facebook.world import DEMO_APP_SECRET, PAGE_ID
from gospablik_emulators.facebook.world import DEMO_TOKEN as PAGE_TOKEN
from gospablik_emulators.instagram.world import DEMO_TOKEN as IG_TOKEN
from gospablik_emulators.instagram.world import IG_USER_ID

VERSION = "v21.0"


@pytest.fixture
def page(serve):
    served = serve("facebook")
    api = GraphAPI(app_secret=DEMO_APP_SECRET, access_token=PAGE_TOKEN, version=VERSION,
                   base_url=f"{served.base_url}/", sleep_on_rate_limit=False)  # fmt: skip
    api.served = served
    return api


@pytest.fixture
def instagram(serve):
    served = serve("instagram")
    api = GraphAPI(access_token=IG_TOKEN, version=VERSION, base_url=f"{served.base_url}/",
                   sleep_on_rate_limit=False)  # fmt: skip
    api.served = served
    return api


def test_a_page_admin_posts_reads_and_deletes(page):
    info = page.get_object(PAGE_ID, fields="id,name")
    post = page.post_object(PAGE_ID, "feed", data={"message": "Приём граждан в пятницу"})
    feed = page.get_connection(PAGE_ID, "feed", fields="id,message", limit=5)
    assert info["id"] == PAGE_ID and info["name"]
    assert feed["data"][0] == {"id": post["id"], "message": "Приём граждан в пятницу"}
    assert page.delete_object(post["id"]) == {"success": True}


def test_a_moderator_hides_deletes_comments_and_blocks_their_author(page):
    post = page.post_object(PAGE_ID, "feed", data={"message": "Новость"})
    comment = page.served.app.state.add_comment(post["id"], "Безобразие")
    listed = page.get_connection(post["id"], "comments", fields="id,message,from")
    assert [c["id"] for c in listed["data"]] == [comment["id"]]
    assert page.post_object(comment["id"], data={"is_hidden": "true"}) == {"success": True}
    author = comment["from"]["id"]
    assert page.post_object(PAGE_ID, "blocked", data={"user": author})
    assert page.delete_object(comment["id"]) == {"success": True}


def test_graph_errors_have_their_types(page):
    with pytest.raises(FacebookError) as missing:
        page.get_object("999000111")
    assert (missing.value.code, missing.value.type) == (100, "GraphMethodException")
    page.served.app.faults.push("rate_limit")
    with pytest.raises(FacebookError) as limited:
        page.get_object(PAGE_ID)
    assert (limited.value.code, limited.value.type) == (32, "OAuthException")
    wrong = GraphAPI(access_token="nope", version=VERSION, base_url=page.base_url)
    with pytest.raises(FacebookError) as denied:
        wrong.get_object(PAGE_ID)
    assert denied.value.code == 190


def test_instagram_publishes_in_two_steps_and_moderates_comments(instagram):
    container = instagram.post_object(IG_USER_ID, "media", data={
        "image_url": "https://example.org/a.jpg", "caption": "Приём граждан"})  # fmt: skip
    for _ in range(10):  # a client polls the container until Instagram has processed it
        status = instagram.get_object(container["id"], fields="status_code")["status_code"]
        if status == "FINISHED":
            break
    assert status == "FINISHED"
    media = instagram.post_object(IG_USER_ID, "media_publish",
                                  data={"creation_id": container["id"]})  # fmt: skip
    listed = instagram.get_connection(IG_USER_ID, "media", fields="id,caption")
    assert listed["data"][0]["id"] == media["id"]
    limit = instagram.get_connection(IG_USER_ID, "content_publishing_limit")
    assert limit["data"][0]["quota_usage"] == 1
    comment = instagram.served.app.state.add_comment(media["id"], "Когда приём?")
    assert instagram.post_object(comment["id"], data={"hide": "true"}) == {"success": True}
    assert instagram.delete_object(comment["id"]) == {"success": True}
