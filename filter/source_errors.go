package filter

import "errors"

// Errors of the script sources, the chain, the vacation history and the
// reply builder. Test with errors.Is.
var (
	// ErrNoDupePath is returned by NewDupeStore without a Path.
	ErrNoDupePath = errors.New("no history file path")
	// ErrLockTimeout is returned when another delivery held the vacation
	// history lock for longer than the lock timeout.
	ErrLockTimeout = errors.New("lock timeout")
	// ErrScriptSource is returned by New when a global or default script
	// is missing, unreadable or does not compile.
	ErrScriptSource = errors.New("bad script source")
	// ErrReplyRecipient is returned by ReplyBuilder.Build when the reply
	// recipient or the script owner's address is not a valid address.
	ErrReplyRecipient = errors.New("invalid address")
)
