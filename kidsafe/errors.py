"""The small error vocabulary of kidsafe; the CLI and the app translate these at the edge."""


class KidsafeError(Exception):
    """Base class of every error kidsafe raises on purpose."""


class IngestError(KidsafeError):
    """A feed, or one file in it, could not be read."""


class UnsupportedExportError(IngestError):
    """The input is not a feed kidsafe recognises."""


class UnsafeInputError(IngestError):
    """The input was refused as hostile or too large (bomb, path traversal, oversize)."""


class ExtractorUnavailable(KidsafeError):
    """An optional detector's dependency is missing; the message names the pip command."""
