package filter

import (
	"errors"
	"strconv"
)

// ScriptError is a compile or run-time error in a Sieve script. Compile
// returns it for every script it refuses; Script.Run returns it (with
// Runtime set) when the script failed while running.
type ScriptError struct {
	File    string // name given to Compile, or the path of an included script
	Line    int    // 1-based; 0 when unknown
	Column  int    // 1-based; 0 when unknown
	Msg     string // lower case, no position
	Runtime bool   // true for errors found while running
	Err     error  // underlying cause, if any
}

// Error returns "file:line:column: msg".
func (e *ScriptError) Error() string {
	return posString(e.File, e.Line, e.Column) + ": " + e.Msg
}

// Unwrap returns the underlying cause.
func (e *ScriptError) Unwrap() error { return e.Err }

// Is reports whether target is ErrRuntime and e is a run-time error, or
// target is ErrCompile and e is a compile error.
func (e *ScriptError) Is(target error) bool {
	return (target == ErrRuntime && e.Runtime) || (target == ErrCompile && !e.Runtime)
}

func posString(file string, line, col int) string {
	return file + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col)
}

// ErrCompile matches (errors.Is) every *ScriptError returned by Compile.
var ErrCompile = errors.New("filter: compile error")

// ErrRuntime matches (errors.Is) every error Script.Run returns because the
// script failed while running: conflicting actions (two vacations, reject
// with keep or fileinto), a limit, the error command, or an internal
// failure. The Result is then the implicit keep only.
var ErrRuntime = errors.New("filter: run-time error")

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
