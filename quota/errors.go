package quota

import (
	"errors"
	"fmt"
)

// ErrExceeded is matched (errors.Is) by every *ExceededError: the message
// does not fit into the quota.
var ErrExceeded = errors.New("quota: exceeded")

// ErrBadRule is matched (errors.Is) by every *RuleError.
var ErrBadRule = errors.New("quota: bad rule")

// ExceededError says that a message does not fit. It carries what the
// decision was based on; the deliver package turns it into a status.
type ExceededError struct {
	Folder    string // IMAP name of the target folder ("INBOX")
	Size      int64  // size of the refused message in bytes
	Usage     Usage  // usage before the message
	Limit     Usage  // limits applied to the target folder (0 = unlimited)
	Permanent bool   // Options.OverQuotaPermanent was set: do not retry
}

// Error implements error.
func (e *ExceededError) Error() string {
	return fmt.Sprintf("quota: exceeded in %s: %d bytes %d messages in use, limit %s, message %d bytes",
		e.Folder, e.Usage.Bytes, e.Usage.Messages, formatLimit(e.Limit), e.Size)
}

// Is makes errors.Is(err, ErrExceeded) true.
func (e *ExceededError) Is(target error) bool { return target == ErrExceeded }

// RuleError reports a quota rule that could not be parsed, naming the
// offending part.
type RuleError struct {
	Rule   string // the whole rule as given
	Part   string // the part that is wrong
	Reason string // why
}

// Error implements error.
func (e *RuleError) Error() string {
	return fmt.Sprintf("quota: rule %q: %q: %s", e.Rule, e.Part, e.Reason)
}

// Is makes errors.Is(err, ErrBadRule) true.
func (e *RuleError) Is(target error) bool { return target == ErrBadRule }

func formatLimit(l Usage) string {
	if l.Bytes == 0 && l.Messages == 0 {
		return "none"
	}
	return Limits{Bytes: l.Bytes, Messages: l.Messages}.String()
}
