import factory

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
    """An identity document stored through the service, as an upload would be."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry.services import identity_document_add
    from tests.registry.files import png_bytes

    upload = SimpleUploadedFile(f"{kind}.png", content or png_bytes(), content_type="image/png")
    return identity_document_add(requester=requester, kind=kind, upload=upload, uploaded_by=requester.user)
