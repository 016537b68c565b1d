from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gospablik.audit.log import record
from gospablik.duties.actions import DutyClosed, do_complete_duty
from gospablik.duties.models import Duty
from gospablik.orgs.access import Perm, has_perm
from gospablik.orgs.models import Ministry
from gospablik.policy.store import policy_for
from gospablik.registry.documents import letter_docx, letter_for, letter_pdf
from gospablik.web.decorators import ministry_view
from gospablik.web.forms import CompleteDutyForm

NOTICE_KINDS = ("account_created_notice", "account_deleted_notice")


def get_duty(ministry: Ministry, pk: int) -> Duty:
    return get_object_or_404(Duty.objects.select_related("owner_org"), pk=pk, ministry=ministry)


@ministry_view()
def duty_detail(request: HttpRequest, ministry: Ministry, pk: int) -> HttpResponse:
    duty = get_duty(ministry, pk)
    can_complete = duty.is_open and has_perm(
        request.user, ministry, Perm.DUTY_COMPLETE, org=duty.owner_org
    )
    form = CompleteDutyForm(
        request.POST or None, initial={"done_on": timezone.localdate(), "method": "letter"}
    )
    if request.method == "POST":
        if not can_complete:
            raise PermissionDenied("Недостаточно прав")
        if form.is_valid():
            data = {**form.cleaned_data, "done_on": form.cleaned_data["done_on"].isoformat()}
            try:  # the action locks the duty: someone may have closed it meanwhile
                do_complete_duty(duty, actor=request.user, resolution=data)
            except DutyClosed as error:
                messages.warning(request, str(error))
                return redirect("web:duty", ministry=ministry.key, pk=duty.pk)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Отмечено как выполненное.")
                return redirect("web:board", ministry=ministry.key)
    return render(
        request,
        "web/duty_detail.html",
        {
            "ministry": ministry,
            "duty": duty,
            "form": form,
            "can_complete": can_complete,
            "now": timezone.now(),
            "is_notice": duty.kind in NOTICE_KINDS,
        },
    )


@ministry_view()
def duty_letter(request: HttpRequest, ministry: Ministry, fmt: str) -> HttpResponse:
    """The notification letter for one or several open notice duties (?ids=1,2,3)."""
    ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()]
    duties = list(
        Duty.objects.filter(ministry=ministry, pk__in=ids, kind__in=NOTICE_KINDS).select_related(
            "owner_org"
        )
    )
    if not duties:
        messages.error(request, "Выберите хотя бы одно сообщение о создании или удалении аккаунта.")
        return redirect("web:board", ministry=ministry.key)
    today = timezone.now().astimezone(policy_for(ministry).tz()).date()
    letter = letter_for(ministry, duties, today)
    body = letter_pdf(letter) if fmt == "pdf" else letter_docx(letter)
    record(
        "letter.generate",
        actor=request.user,
        ministry=ministry,
        object_type="duties.duty",
        object_id=",".join(str(d.pk) for d in duties),
        object_repr=letter.subject,
        after={"format": fmt, "accounts": [line.title for line in letter.lines]},
    )
    ctype = (
        "application/pdf"
        if fmt == "pdf"
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="letter-{ministry.key}.{fmt}"'
    return response
