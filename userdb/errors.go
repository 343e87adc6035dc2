package userdb

import (
	"errors"
	"fmt"
)

// ErrNotFound reports that a lookup completed and proved that no such user
// exists. It is the only error of this package that means "permanent": every
// other error, including all [*BackendError] values, means the lookup could
// not be completed and must be retried later.
var ErrNotFound = errors.New("userdb: no such user")

// ErrInvalidAddress is wrapped by every [*AddressError]: the address cannot
// name a user (control characters, over-long parts, no local part).
var ErrInvalidAddress = errors.New("userdb: invalid address")

// ErrAmbiguous reports that a backend returned more than one record for one
// address. Delivering to either could be wrong, so it is not [ErrNotFound].
var ErrAmbiguous = errors.New("userdb: more than one user matches")

// ErrIncomplete reports a user record that does not say where the mail goes:
// a relative mail location without a home or base directory, a mail format
// other than Maildir, or an unparsable uid or gid. It is a configuration
// problem, never proof that the user does not exist.
var ErrIncomplete = errors.New("userdb: incomplete user record")

// AddressError describes an address that was refused before any lookup.
// It wraps [ErrInvalidAddress].
type AddressError struct {
	Address string // the address as given
	Reason  string // what is wrong, e.g. "local part longer than 64 octets"
}

// Error implements error.
func (e *AddressError) Error() string {
	return fmt.Sprintf("userdb: invalid address %q: %s", e.Address, e.Reason)
}

// Unwrap returns [ErrInvalidAddress].
func (e *AddressError) Unwrap() error { return ErrInvalidAddress }

// BackendError reports a lookup that failed inside a backend: the database
// is unreachable, a query timed out, a file could not be read. It never
// wraps [ErrNotFound]; callers must treat it as temporary.
type BackendError struct {
	Backend string // e.g. "sql(postgres)", "passwd-file(/etc/dovecot/users)"
	Op      string // "lookup", "iterate", "load"
	Err     error  // the cause
}

// Error implements error.
func (e *BackendError) Error() string {
	return fmt.Sprintf("userdb: %s: %s: %v", e.Backend, e.Op, e.Err)
}

// Unwrap returns the cause.
func (e *BackendError) Unwrap() error { return e.Err }

// TemplateError reports a Dovecot %-template (a query, a path) that cannot
// be used. Pos is the byte offset in the template where the problem starts.
type TemplateError struct {
	Template string
	Pos      int
	Msg      string
}

// Error implements error.
func (e *TemplateError) Error() string {
	return fmt.Sprintf("userdb: template %q at offset %d: %s", e.Template, e.Pos, e.Msg)
}
