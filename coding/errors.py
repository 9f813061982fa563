"""Errors the services raise. Each carries a one-line message fit for a user.

The message is a `coding.messages.Message`: str(error) is the English sentence,
and the GUI says the same template and values in Chinese
(`raise InvalidInput("{name}: no such file", name=path)`).
"""

from coding.messages import MessageError


class ZhagenError(MessageError):
    """Base of every error a user may see; str(error) is a complete sentence."""


class ProjectOpenError(ZhagenError):
    """The file or URL is not a project we can open (not one, corrupt, too new)."""


class NotFound(ZhagenError):
    """A referenced object (code, document, coder …) does not exist."""


class InvalidInput(ZhagenError):
    """The request itself is wrong: bad offsets, empty name, a cycle in the tree …"""


class Cancelled(ZhagenError):
    """The user cancelled a long job (import, merge …); nothing was changed."""


class ImportCancelled(Cancelled):
    """An import was cancelled; nothing was imported."""
