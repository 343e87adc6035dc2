package logrot

import "errors"

// ErrClosed is returned by Write and Rotate after Close.
var ErrClosed = errors.New("logrot: writer closed")

// ErrInvalidOptions is wrapped by the error Open returns for options it
// refuses (negative sizes, unknown timestamp formats, modes with bits other
// than read and write permissions).
var ErrInvalidOptions = errors.New("logrot: invalid options")

// ErrLockTimeout is wrapped by the errors reported when the rotation lock
// could not be taken within Options.LockTimeout.
var ErrLockTimeout = errors.New("logrot: lock wait timed out")

// ErrBadName is wrapped by the errors ParseTAI64N and ParseRotatedName
// return for text that is not a label or a rotated-file name.
var ErrBadName = errors.New("logrot: not a rotated-file name")
