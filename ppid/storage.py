"""Private file storage: identity documents and request material live here, never under a URL."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without URLs: files leave only through views that check and log access.

    (FileSystemStorage with base_url=None would quietly fall back to MEDIA_URL.)"""

    def url(self, name):
        raise ValueError("private files have no URL; serve them through a view that checks permission")
