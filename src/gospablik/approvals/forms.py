"""Forms of the approvals pages: field checks only; the rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gospablik.approvals.actions.submissions import ItemData, SubmissionData
from gospablik.approvals.models import ItemFile, Remark, Round, Submission, SubmissionItem
from gospablik.networks.base import NETWORK_LABELS_RU
from gospablik.security.uploads import DOCUMENTS, MEDIA, validate_upload

MAX_FILE_BYTES = 50 * 1024 * 1024
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LOCAL_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe), each checked by
    :func:`gospablik.security.uploads.validate_upload` for the ``allowed`` kinds."""

    def __init__(self, *args: Any, allowed: frozenset[str] = MEDIA, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(f, initial) for f in files]
        for upload in cleaned:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("Файл больше 50 МБ: %(name)s") % {"name": upload.name}
                )
            validate_upload(upload, self.allowed)
        return cleaned


class SubmissionForm(forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["kind", "title", "description", "schedule"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "schedule": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "schedule": _("Для специального проекта: этапы, даты, механика вовлечения аудитории."),
        }

    def data_object(self) -> SubmissionData:
        data = self.cleaned_data
        return SubmissionData(data["kind"], data["title"], data["description"], data["schedule"])


class ItemForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Текст публикации"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    networks = forms.MultipleChoiceField(
        label=_("Соцсети"), required=False, widget=forms.CheckboxSelectMultiple
    )
    planned_at = forms.DateTimeField(
        label=_("Когда разместить"),
        required=False,
        widget=LOCAL_DT,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    attachments = MultipleFileField(label=_("Медиафайлы"), required=False)
    delete = forms.BooleanField(label=_("Удалить публикацию"), required=False)

    def __init__(self, *args: Any, networks: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["networks"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(n, NETWORK_LABELS_RU.get(n, n)) for n in networks]
        if not self.initial.get("id"):
            del self.fields["delete"]  # only an existing post can be deleted

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("id") and not (data.get("text") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("id") is None and (data.get("attachments") or data.get("networks")):
            if not (data.get("text") or "").strip():
                self.add_error("text", _("Напишите текст публикации"))
        if data.get("id") and not data.get("delete") and not (data.get("text") or "").strip():
            self.add_error("text", _("Напишите текст или отметьте удаление"))
        return data

    def data_object(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            id=data.get("id"),
            text=(data.get("text") or "").strip(),
            networks=data.get("networks") or [],
            planned_at=data.get("planned_at"),
            files=data.get("attachments") or [],
            delete=bool(data.get("delete")),
        )


def item_formset(
    data: Any, files: Any, *, networks: list[str], items: list[SubmissionItem], extra: int
) -> Any:
    initial = [
        {"id": i.pk, "text": i.text, "networks": i.networks, "planned_at": i.planned_at}
        for i in items
    ]
    formset_class = forms.formset_factory(ItemForm, extra=extra)
    return formset_class(
        data, files, initial=initial, prefix="items", form_kwargs={"networks": networks}
    )


class RemarkForm(forms.Form):
    anchor = forms.ChoiceField(label=_("К чему"), choices=Remark.Anchor.choices)
    item = forms.ModelChoiceField(
        label=_("Публикация"), queryset=SubmissionItem.objects.none(), required=False
    )
    file = forms.ModelChoiceField(label=_("Файл"), queryset=ItemFile.objects.none(), required=False)
    quote = forms.CharField(
        label=_("Фрагмент текста"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Выделите фрагмент в тексте публикации или вставьте его сюда."),
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Замечание"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, submission: Submission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = submission.items.all()
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.fields["file"].queryset = ItemFile.objects.filter(item__in=items)  # type: ignore[attr-defined]
        self.fields["item"].label_from_instance = lambda i: f"№{i.position}"  # type: ignore[attr-defined]


class SignForm(forms.Form):
    DECISIONS = [
        (Round.Decision.RETURNED, _("Вернуть с перечнем замечаний")),
        (Round.Decision.APPROVED, _("Согласовать (замечаний нет)")),
    ]
    decision = forms.ChoiceField(label=_("Решение"), choices=DECISIONS, widget=forms.RadioSelect)
    otp = forms.CharField(
        label=_("Код из приложения-аутентификатора"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class RemarkTextForm(forms.Form):
    text = forms.CharField(label=_("Текст замечания"), widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Причина"), required=False, max_length=500)


class RequestForm(forms.Form):
    topic = forms.CharField(label=_("Тема"), max_length=300)
    questions = forms.CharField(label=_("Вопросы"), widget=forms.Textarea(attrs={"rows": 5}))
    needed_by = forms.DateField(label=_("Нужно к (дата)"), widget=DATE)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Ответ"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = MultipleFileField(label=_("Файлы"), required=False, allowed=MEDIA | DOCUMENTS)


class AskAgainForm(forms.Form):
    text = forms.CharField(label=_("Чего не хватает"), widget=forms.Textarea(attrs={"rows": 3}))
    needed_by = forms.DateField(label=_("Нужно к (дата)"), widget=DATE)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Исполнитель"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users  # type: ignore[attr-defined]


class MonthForm(forms.Form):
    month = forms.CharField(
        label=_("Месяц"), widget=forms.DateInput(attrs={"type": "month"}), max_length=7
    )

    def clean_month(self) -> tuple[int, int]:
        value = self.cleaned_data["month"]
        try:
            year, month = (int(part) for part in value.split("-"))
        except ValueError:
            raise forms.ValidationError(_("Месяц в виде ГГГГ-ММ")) from None
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Месяц в виде ГГГГ-ММ"))
        return year, month
