"""NIKs on screen: masked (3201********0001) unless the viewer's role needs the full number."""

from django import template

register = template.Library()


def nik_mask(nik: str | None) -> str:
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


@register.filter
def nik_for(nik, user):
    """{{ requester.nik|nik_for:user }}: the full NIK only for registry.view_full_nik."""
    if nik and user is not None and getattr(user, "is_authenticated", False) and user.has_perm("registry.view_full_nik"):
        return nik
    return nik_mask(nik)
