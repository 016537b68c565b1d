"""JSON endpoints of the editor: per-network preview and the live style check."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gospablik.content.forms import PostForm
from gospablik.content.models import Post, PostMedia
from gospablik.content.stylecheck import style_report
from gospablik.content.validation import (
    MediaCounts,
    cap_problems,
    cap_status,
    plans,
    post_problems,
    timing_problems,
)
from gospablik.orgs.access import Perm
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.web.decorators import ministry_view

MAX_STYLE_TEXT = 20_000
NEW_KINDS = {
    "image": MediaCounts(images=1),
    "gif": MediaCounts(gifs=1),
    "video": MediaCounts(videos=1),
}


def media_counts(ministry: Ministry, request: HttpRequest, alt: str) -> MediaCounts:
    counts = MediaCounts()
    post_id = request.POST.get("post", "")
    if post_id.isdigit():
        counts = MediaCounts.of(
            PostMedia.objects.filter(post_id=int(post_id), post__ministry=ministry)
        )
    for kind in request.POST.get("new_media", "").split(","):
        extra = NEW_KINDS.get(kind.strip())
        if extra is not None:
            no_alt = MediaCounts(images_without_alt=1) if kind == "image" and not alt else None
            counts = counts.plus(extra).plus(no_alt or MediaCounts())
    return counts


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def preview(request: HttpRequest, ministry: Ministry) -> JsonResponse:
    policy = policy_for(ministry)
    form = PostForm(request.POST, ministry=ministry, policy=policy)
    if not form.is_valid():
        errors = [
            f"{form.fields[k].label}: {' '.join(map(str, v))}"
            if k in form.fields
            else " ".join(map(str, v))
            for k, v in form.errors.items()
        ]
        return JsonResponse({"ok": False, "errors": errors, "plans": [], "cap": []})
    post = Post(ministry=ministry, **form.post_data())
    accounts = list(form.cleaned_data["accounts"])
    media = media_counts(ministry, request, form.cleaned_data["alt"])
    at = form.cleaned_data["publish_at"] or timezone.now()
    problems = post_problems(post, accounts, media, policy) + cap_problems(
        post, accounts, at, policy
    )
    if form.cleaned_data["publish_at"]:
        problems += timing_problems(at, timezone.now())
    return JsonResponse(
        {
            "ok": True,
            "problems": list(dict.fromkeys(problems)),
            "plans": [p.as_json() for p in plans(post, accounts, media, policy.tz())],
            "cap": cap_status(accounts, at, policy),
        }
    )


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def style_check(request: HttpRequest, ministry: Ministry) -> JsonResponse:
    text = request.POST.get("text", "")[:MAX_STYLE_TEXT]
    network = request.POST.get("network") or None
    try:
        report = style_report(text, network, ministry)
    except ValueError:  # an unknown network name
        report = style_report(text, ministry=ministry)
    return JsonResponse(style_json(report))


def style_json(report: Any) -> dict[str, Any]:
    if report is None:
        return {"available": True, "score": None, "summary": "", "issues": []}
    issues = [i.to_json() for i in report.issues]
    return {"available": True, "score": report.score, "summary": report.summary, "issues": issues}
