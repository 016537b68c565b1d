"""The editor and the post page: write, attach, schedule, publish, cancel, retry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gospablik.audit.models import AuditEntry
from gospablik.content.actions import (
    CapWarning,
    do_attach_media,
    do_cancel_post,
    do_create_post,
    do_delete_post,
    do_publish_now,
    do_remove_media,
    do_remove_published,
    do_retry_publication,
    do_schedule,
    do_update_media,
    do_update_post,
    editable,
)
from gospablik.content.forms import AltForm, PostForm, ScheduleForm
from gospablik.content.models import Post
from gospablik.content.views.common import get_media, get_post, get_publication, messages_of
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.styleguide.gate import (
    do_override_style_gate,
    gate_problems,
    may_override,
    override_for,
)
from gospablik.web.decorators import ministry_view

ACTIONS = {
    "schedule": "Запланировано",
    "publish_now": "Отправлено на публикацию",
    "draft": "Сохранено",
}


def _editor(
    request: HttpRequest, ministry: Ministry, form: PostForm, post: Post | None
) -> HttpResponse:
    return render(
        request,
        "content/post_form.html",
        {
            "ministry": ministry,
            "form": form,
            "post": post,
            "media": list(post.media.all()) if post else [],
        },
    )


def _save(request: HttpRequest, ministry: Ministry, form: PostForm, post: Post | None) -> Post:
    data, accounts = form.post_data(), list(form.cleaned_data["accounts"])
    action = request.POST.get("action", "draft")
    with transaction.atomic():
        if post is None:
            post = do_create_post(ministry, data, accounts, actor=request.user)
        else:
            post = do_update_post(post, data, accounts, actor=request.user)
        for upload in form.cleaned_data["media_files"]:
            do_attach_media(
                post,
                upload.name or "file",
                upload.read(),
                alt=form.cleaned_data["alt"],
                actor=request.user,
            )
        if action == "schedule":
            if not form.cleaned_data["publish_at"]:
                raise ValidationError("Укажите время публикации")
            do_schedule(post, form.cleaned_data["publish_at"], actor=request.user)
        elif action == "publish_now":
            do_publish_now(post, actor=request.user)
    messages.success(request, ACTIONS.get(action, ACTIONS["draft"]))
    return post


def _handle(request: HttpRequest, ministry: Ministry, post: Post | None) -> HttpResponse:
    policy = policy_for(ministry)
    if request.method != "POST":
        initial = (
            PostForm.initial_for(post)
            if post
            else {
                "format": request.GET.get("format", "text"),
                "occasion": request.GET.get("occasion"),
            }
        )
        return _editor(
            request, ministry, PostForm(initial=initial, ministry=ministry, policy=policy), post
        )
    form = PostForm(request.POST, request.FILES, ministry=ministry, policy=policy)
    if form.is_valid():
        try:
            saved = _save(request, ministry, form, post)
        except ValidationError as error:
            form.add_error(None, messages_of(error))
        else:
            return redirect("content:post", ministry.key, saved.pk)
    return _editor(request, ministry, form, post)


@ministry_view(Perm.CONTENT_EDIT)
def post_new(request: HttpRequest, ministry: Ministry) -> HttpResponse:
    return _handle(request, ministry, None)


@ministry_view(Perm.CONTENT_EDIT)
def post_edit(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post = get_post(ministry, pk)
    if not editable(post):
        messages.error(request, "Публикацию уже не изменить: она вышла или публикуется")
        return redirect("content:post", ministry.key, post.pk)
    return _handle(request, ministry, post)


@ministry_view()
def post_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post = get_post(ministry, pk)
    history = AuditEntry.objects.filter(object_type="content.post", object_id=str(post.pk))
    return render(
        request,
        "content/post_detail.html",
        {
            "ministry": ministry,
            "post": post,
            "media": list(post.media.all()),
            "publications": post.publications.select_related("account"),
            "history": history.order_by("-seq")[:20],
            "editable": editable(post),
            "can_edit": has_perm(request.user, ministry, Perm.CONTENT_EDIT),
            "schedule_form": ScheduleForm(initial={"publish_at": post.publish_at}),
            "gate": gate_state(request.user, ministry, post),
        },
    )


def gate_state(user: Any, ministry: Ministry, post: Post) -> dict[str, Any]:
    """The style gate as the post page shows it: refusal, override, who may override."""
    return {
        "problems": gate_problems(ministry, post, post.text),
        "override": override_for(post, post.text),
        "may_override": may_override(user, ministry),
    }


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def post_style_override(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post = get_post(ministry, pk)
    reason = request.POST.get("reason", "")[:2000]
    try:
        do_override_style_gate(ministry, post, post.text, actor=request.user, reason=reason)
    except PermissionDenied as denied:
        return _back(request, ministry, post, ValidationError(str(denied)))
    except ValidationError as error:
        return _back(request, ministry, post, error)
    messages.success(request, _("Публикация разрешена ниже порога стиля"))
    return _back(request, ministry, post, None)


def _back(
    request: HttpRequest, ministry: Ministry, post: Post, error: ValidationError | None
) -> HttpResponse:
    for message in messages_of(error) if error else []:
        messages.error(request, message)
    return redirect("content:post", ministry.key, post.pk)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def post_schedule(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post, form = get_post(ministry, pk), ScheduleForm(request.POST)
    if not form.is_valid():
        return _back(request, ministry, post, ValidationError("Укажите время публикации"))
    try:
        do_schedule(post, form.cleaned_data["publish_at"], actor=request.user)
    except ValidationError as error:
        return _back(request, ministry, post, error)
    messages.success(request, ACTIONS["schedule"])
    return _back(request, ministry, post, None)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def post_publish_now(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post = get_post(ministry, pk)
    try:
        do_publish_now(post, actor=request.user)
    except ValidationError as error:
        return _back(request, ministry, post, error)
    messages.success(request, ACTIONS["publish_now"])
    return _back(request, ministry, post, None)


def _confirm(
    request: HttpRequest, ministry: Ministry, warning: CapWarning, title: str, post: Post
) -> HttpResponse:
    return render(
        request,
        "content/confirm.html",
        {"ministry": ministry, "title": title, "warnings": warning.messages, "post": post},
    )


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def post_cancel(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post = get_post(ministry, pk)
    try:
        do_cancel_post(post, actor=request.user, confirm=bool(request.POST.get("confirm")))
    except CapWarning as warning:
        return _confirm(request, ministry, warning, "Отменить публикацию?", post)
    except ValidationError as error:
        return _back(request, ministry, post, error)
    messages.success(request, "Публикация отменена")
    return _back(request, ministry, post, None)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def post_delete(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    post = get_post(ministry, pk)
    try:
        do_delete_post(post, actor=request.user)
    except ValidationError as error:
        return _back(request, ministry, post, error)
    messages.success(request, "Публикация удалена")
    return redirect("content:plan", ministry.key)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def publication_retry(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    pub = get_publication(ministry, pk)
    try:
        do_retry_publication(pub, actor=request.user)
    except ValidationError as error:
        return _back(request, ministry, pub.post, error)
    messages.success(request, f"Повторим публикацию в «{pub.account.title}» в ближайшие секунды")
    return _back(request, ministry, pub.post, None)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def publication_remove(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    pub = get_publication(ministry, pk)
    try:
        do_remove_published(pub, actor=request.user, confirm=bool(request.POST.get("confirm")))
    except CapWarning as warning:
        return _confirm(request, ministry, warning, "Удалить публикацию из соцсети?", pub.post)
    except ValidationError as error:
        return _back(request, ministry, pub.post, error)
    messages.success(request, f"Удалено из «{pub.account.title}»")
    return _back(request, ministry, pub.post, None)


@ministry_view()
def media_file(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    """Attached files live outside the web root; only members of the ministry see them."""
    media = get_media(ministry, pk)
    try:
        opened = media.file.open("rb")
    except FileNotFoundError:  # the row outlived its file (a restore without media)
        raise Http404("Файл не найден") from None
    response = FileResponse(opened, content_type=media.mime)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response  # type: ignore[return-value]  # a streamed file, not an HttpResponse


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def media_update(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    media = get_media(ministry, pk)
    form = AltForm(request.POST)
    try:
        if form.is_valid():
            do_update_media(media, alt=form.cleaned_data["alt"], actor=request.user)
    except ValidationError as error:
        return _back(request, ministry, media.post, error)
    return redirect("content:post_edit", ministry.key, media.post_id)


@require_POST
@ministry_view(Perm.CONTENT_EDIT)
def media_remove(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    media = get_media(ministry, pk)
    post_id: Any = media.post_id
    try:
        do_remove_media(media, actor=request.user)
    except ValidationError as error:
        return _back(request, ministry, media.post, error)
    return redirect("content:post_edit", ministry.key, post_id)
