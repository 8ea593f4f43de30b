"""The Daftar Informasi Publik (DIP): reads for the public list, writes for PPID staff.

Documents attached to an item are checked by their content (ppid.uploads) and stored under a
random name. Items of every category but "dikecualikan" may carry a document or a link that
anyone can open without a request.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet

from .law import InformationCategory
from .models import InformationItem
from .storage import file_delete_on_commit
from .uploads import upload_clean

# Exempt information (pasal 17) is listed with its legal basis, never handed out.
OPEN_CATEGORIES = (InformationCategory.PERIODIC, InformationCategory.IMMEDIATE, InformationCategory.ANY_TIME)


def information_items_search(
    *, category: str = "", unit_id: int | None = None, query: str = "", include_unpublished: bool = False
) -> QuerySet[InformationItem]:
    items = InformationItem.objects.select_related("unit").order_by("category", "title")
    if not include_unpublished:
        items = items.filter(is_published=True)
    if category:
        items = items.filter(category=category)
    if unit_id:
        items = items.filter(unit_id=unit_id)
    query = (query or "").strip()
    if query:
        items = items.filter(Q(title__icontains=query) | Q(summary__icontains=query) | Q(responsible__icontains=query))
    return items


def information_item_is_downloadable(item: InformationItem) -> bool:
    return item.is_published and item.category in OPEN_CATEGORIES and bool(item.document)


@transaction.atomic
def information_item_save(*, item: InformationItem, upload=None, remove_document: bool = False) -> InformationItem:
    """Save an item made by the DIP form; a new document is checked by content first (ValidationError if refused)."""
    old_name = item.document.name if item.pk and item.document else ""
    if item.pk and not old_name:
        old_name = InformationItem.objects.filter(pk=item.pk).values_list("document", flat=True).first() or ""
    if upload is not None:
        clean = upload_clean(upload)
        item.document.save(f"{secrets.token_hex(12)}{clean.extension}", ContentFile(clean.content), save=False)
    elif remove_document:
        item.document = ""
    item.save()
    if old_name and old_name != item.document.name:
        file_delete_on_commit(storage=item.document.storage, name=old_name)
    return item
