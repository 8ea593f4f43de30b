import factory
from django.utils import timezone

from registry.models import Requester
from tests.ppid.factories import UserFactory


class RequesterFactory(factory.django.DjangoModelFactory):
    """A verified person with an account in the requester role (use user=None for a desk-only requester)."""

    class Meta:
        model = Requester
        skip_postgeneration_save = True

    kind = Requester.Kind.PERSON
    user = factory.SubFactory(UserFactory)
    # Valid NIKs: province 32, birth date 01-01-90 (+ sequence in the serial part).
    nik = factory.Sequence(lambda n: f"320101010190{n + 1:04d}")
    full_name = factory.Sequence(lambda n: f"Pemohon {n}")
    address = "Jl. Contoh No. 1"
    occupation = "Wiraswasta"
    phone = factory.Sequence(lambda n: f"0812{n:08d}")
    email = factory.LazyAttribute(lambda r: r.user.email if r.user else "")
    # An account that followed its confirmation link (it holds its NIK; see docs/identity.md).
    email_confirmed_at = factory.LazyAttribute(lambda r: timezone.now() if r.user else None)
    verification_status = Requester.Verification.VERIFIED

    @factory.post_generation
    def requester_role(obj, create, extracted, **kwargs):
        if create and obj.user is not None:
            from django.contrib.auth.models import Group

            obj.user.groups.add(Group.objects.get(name="requester"))


class DeskRequesterFactory(RequesterFactory):
    """A requester recorded at the desk, without an account."""

    user = None
    email = ""


def document_add(requester, kind="ktp", content=None):
    """An identity document stored as an upload would be (directly, for a requester already verified)."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry.models import IdentityDocument
    from registry.services import EDITABLE_STATES, identity_document_add
    from tests.registry.files import png_bytes

    content = content or png_bytes(appended=False)
    if requester.verification_status in EDITABLE_STATES:
        upload = SimpleUploadedFile(f"{kind}.png", content, content_type="image/png")
        return identity_document_add(requester=requester, kind=kind, upload=upload, uploaded_by=requester.user)
    document = IdentityDocument(
        requester=requester, kind=kind, content_type="image/png", size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), uploaded_by=requester.user,
    )
    document.file.save(f"{kind}.png", ContentFile(content), save=True)
    return document


def account_registered(*, email, password="Sandi-Panjang-2026", kind="person", full_name="X", nik=None, confirm=True, **fields):
    """An online registration, its email confirmed (the moment its NIK is claimed) unless confirm=False."""
    from registry.services import email_confirm, email_confirmation_token, requester_register

    requester = requester_register(
        email=email, password=password, kind=kind, full_name=full_name, nik=nik, site_url="http://testserver/", **fields
    )
    if confirm:
        email_confirm(token=email_confirmation_token(user=requester.user))
    requester.refresh_from_db()
    return requester
