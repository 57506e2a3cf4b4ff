"""Exceptions: one class per error code of the library (src/util/error.h).

The message is the library's own one-line text (the same the relucert CLI
prints after "relucert CMD: ")."""


class RelucertError(Exception):
    """Any error reported by librelucert; .code is the RELU_E_* number, .message the text."""
    code = None

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class FileError(RelucertError, OSError):
    """RELU_E_IO: a file cannot be read or written."""
    code = 1

    def __str__(self):
        return self.message


class ParseError(RelucertError, ValueError):
    """RELU_E_SYNTAX: malformed JSON or number text."""
    code = 2


class InputError(RelucertError, ValueError):
    """RELU_E_INPUT: well-formed but wrong (shapes, keys, zero denominators, empty domain,
    dimensions, output indices)."""
    code = 3


class UnsupportedError(RelucertError):
    """RELU_E_UNSUPPORTED: valid input the requested analysis does not handle."""
    code = 4


class InternalError(RelucertError):
    """RELU_E_INTERNAL: two independent computations disagree (a bug; please report)."""
    code = 5


class LimitError(RelucertError):
    """RELU_E_LIMIT: a limit stopped the run."""
    code = 6


_BY_CODE = {c.code: c for c in (FileError, ParseError, InputError, UnsupportedError, InternalError, LimitError)}


def error_from(code, message):
    cls = _BY_CODE.get(code, RelucertError)
    return cls(message, code)
