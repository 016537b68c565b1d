"""Forms of the content pages (Russian labels; datetimes in the ministry's time zone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from gospablik.content.formats import FORMAT_LABELS_RU
from gospablik.content.models import InfoOccasion, Post
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.orgs.models import Ministry
from gospablik.policy.schema import Policy
from gospablik.registry.models import Account

LOCAL = "%Y-%m-%dT%H:%M"


def local_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL)


class OccasionForm(forms.ModelForm):
    class Meta:
        model = InfoOccasion
        fields = ["title", "source", "occurred_on", "facts_provider", "description"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "source": "Откуда повод: приказ, пресс-служба, учреждение, обращение граждан…",
            "facts_provider": "Кто подтверждает факты и отвечает на уточняющие вопросы",
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


ACCEPT = "image/jpeg,image/png,image/webp,image/gif,video/mp4"


class PostForm(forms.Form):
    format = forms.ChoiceField(label="Формат", choices=list(FORMAT_LABELS_RU.items()))
    accounts = forms.ModelMultipleChoiceField(
        label="Аккаунты",
        queryset=Account.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    occasion = forms.ModelChoiceField(
        label="Инфоповод", queryset=InfoOccasion.objects.none(), required=False
    )
    title = forms.CharField(
        label="Рабочее название", max_length=200, required=False, help_text="Видно только в системе"
    )
    text = forms.CharField(label="Текст", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    hashtags = forms.CharField(
        label="Хештеги",
        max_length=500,
        required=False,
        help_text="Через пробел или запятую: здоровье Кузбасс",
    )
    link = forms.URLField(label="Ссылка", max_length=1000, required=False, assume_scheme="https")
    repost_source = forms.CharField(
        label="Что репостим",
        max_length=500,
        required=False,
        help_text="Адрес записи, например https://vk.com/wall-1_123",
    )
    poll_question = forms.CharField(label="Вопрос опроса", max_length=255, required=False)
    poll_answers = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="По одному в строке, от 2 до 10",
    )
    poll_multiple = forms.BooleanField(label="Можно выбрать несколько", required=False)
    rules = forms.CharField(
        label="Правила", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(label="Начало", required=False, widget=local_input())
    ends_at = forms.DateTimeField(label="Окончание", required=False, widget=local_input())
    results_at = forms.DateTimeField(
        label="Подведение итогов", required=False, widget=local_input()
    )
    media_files = MultipleFileField(label="Фото, GIF или видео", required=False)
    alt = forms.CharField(
        label="Альтернативный текст к файлам",
        max_length=1000,
        required=False,
        help_text="Что изображено — для незрячих читателей; обязателен для инфографики и карточек",
    )
    publish_at = forms.DateTimeField(label="Время публикации", required=False, widget=local_input())

    def __init__(self, *args: Any, ministry: Ministry, policy: Policy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accounts = Account.objects.filter(ministry=ministry, status=Account.Status.ACTIVE)
        self.fields["accounts"].queryset = accounts.order_by("network", "title")  # type: ignore[attr-defined]
        self.fields["occasion"].queryset = InfoOccasion.objects.filter(ministry=ministry)  # type: ignore[attr-defined]
        self.override_names = []
        for spec in policy.networks:
            name = f"text_{spec.network}"
            label = NETWORK_LABELS_RU.get(spec.network, spec.network)
            self.fields[name] = forms.CharField(
                label=f"Свой текст для: {label}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.override_names.append(name)

    def override_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.override_names]

    def post_data(self) -> dict[str, Any]:
        """What the actions take (``accounts`` apart)."""
        d = self.cleaned_data
        answers = [a.strip() for a in d["poll_answers"].splitlines() if a.strip()]
        poll = (
            {
                "question": d["poll_question"].strip(),
                "answers": answers,
                "multiple": d["poll_multiple"],
                "anonymous": True,
            }
            if d["format"] == "poll" or d["poll_question"]
            else None
        )
        texts = {n.removeprefix("text_"): d[n].strip() for n in self.override_names if d[n].strip()}
        fields = (
            "format",
            "occasion",
            "title",
            "text",
            "hashtags",
            "link",
            "repost_source",
            "rules",
            "starts_at",
            "ends_at",
            "results_at",
        )
        return {**{k: d[k] for k in fields}, "poll": poll, "network_texts": texts}

    @classmethod
    def initial_for(cls, post: Post) -> dict[str, Any]:
        poll = post.poll or {}
        initial: dict[str, Any] = {
            "format": post.format,
            "occasion": post.occasion_id,
            "title": post.title,
            "text": post.text,
            "hashtags": post.hashtags,
            "link": post.link,
            "repost_source": post.repost_source,
            "poll_question": poll.get("question", ""),
            "poll_answers": "\n".join(poll.get("answers") or []),
            "poll_multiple": poll.get("multiple", False),
            "rules": post.rules,
            "starts_at": post.starts_at,
            "ends_at": post.ends_at,
            "results_at": post.results_at,
            "publish_at": post.publish_at,
            "accounts": list(post.publications.values_list("account_id", flat=True)),
        }
        for network, text in (post.network_texts or {}).items():
            initial[f"text_{network}"] = text
        return initial


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(label="Время публикации", widget=local_input())


class AltForm(forms.Form):
    alt = forms.CharField(label="Альтернативный текст", max_length=1000, required=False)
