package logrot

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// Defaults applied to zero Options fields.
const (
	// DefaultMaxBytes is the size at which the current file is rotated, as
	// multilog's s1048576.
	DefaultMaxBytes int64 = 1 << 20
	// DefaultKeep is the number of rotated files kept beside the current one.
	DefaultKeep = 10
	// DefaultMode is the permission of log files: the owner writes, the
	// group reads (e.g. an adm group of log readers).
	DefaultMode fs.FileMode = 0o640
	// DefaultLockTimeout bounds the wait for the rotation lock.
	DefaultLockTimeout = 500 * time.Millisecond
)

// retryInterval is how long a writer drops records after a failure before it
// tries the file system again.
const retryInterval = time.Second

// checkInterval is how often a writer re-checks, by path, that its open file
// and lock file are still the ones in the directory.
const checkInterval = time.Second

// Timestamp selects the prefix written before each record.
type Timestamp int

const (
	// NoTimestamp writes records unchanged (the zero value).
	NoTimestamp Timestamp = iota
	// RFC3339 prefixes each record with the UTC time in RFC 3339 format with
	// microseconds and a space: "2026-11-21T07:43:21.123456Z ".
	RFC3339
	// TAI64N prefixes each record with "@", the 24 hex digits of the TAI64N
	// label and a space, as multilog's t action does; tai64nlocal decodes it.
	TAI64N
)

// Options configures a Writer. The zero value is usable: 1 MiB files, ten
// rotated files kept, no compression, mode 0640, no timestamp, a 500 ms lock
// wait and error lines on os.Stderr.
type Options struct {
	// MaxBytes is the size a file may reach; a record that would take the
	// current file past it goes into a new file. A record longer than
	// MaxBytes goes whole into a file of its own. Zero means DefaultMaxBytes.
	MaxBytes int64

	// Keep is the number of rotated files kept beside the current file;
	// older ones are removed at rotation. Zero means DefaultKeep.
	// multilog's n10 corresponds to Keep 9.
	Keep int

	// Compress gzips rotated files in the background (name suffix ".gz").
	// The zero value keeps them as written.
	Compress bool

	// Mode is the permission of the log, lock and compressed files, applied
	// exactly (the umask does not narrow it). Only read and write bits are
	// allowed: the owner execute bit marks rotated files. Directories created
	// for the log get Mode plus search bits where Mode has read bits.
	// Zero means DefaultMode.
	Mode fs.FileMode

	// Timestamp selects a prefix for each record. The zero value adds none.
	Timestamp Timestamp

	// LockTimeout bounds the wait for the rotation lock in each Write;
	// a record that cannot get the lock in time is dropped and reported.
	// Zero means DefaultLockTimeout.
	LockTimeout time.Duration

	// ErrorLog receives one line when logging starts failing (disk full,
	// permission denied, lock timeout, ...) and one when it works again.
	// Nil means os.Stderr; use io.Discard to silence it.
	ErrorLog io.Writer
}

// normalize validates o and returns it with the defaults filled in.
func (o Options) normalize() (Options, error) {
	switch {
	case o.MaxBytes < 0:
		return o, fmt.Errorf("%w: MaxBytes %d is negative", ErrInvalidOptions, o.MaxBytes)
	case o.Keep < 0:
		return o, fmt.Errorf("%w: Keep %d is negative", ErrInvalidOptions, o.Keep)
	case o.Mode&^0o666 != 0:
		return o, fmt.Errorf("%w: Mode %v has bits other than read and write", ErrInvalidOptions, o.Mode)
	case o.Timestamp < NoTimestamp || o.Timestamp > TAI64N:
		return o, fmt.Errorf("%w: unknown Timestamp %d", ErrInvalidOptions, o.Timestamp)
	case o.LockTimeout < 0:
		return o, fmt.Errorf("%w: LockTimeout %v is negative", ErrInvalidOptions, o.LockTimeout)
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Keep == 0 {
		o.Keep = DefaultKeep
	}
	if o.Mode == 0 {
		o.Mode = DefaultMode
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.ErrorLog == nil {
		o.ErrorLog = os.Stderr
	}
	return o, nil
}

// dirMode is the mode for directories created for the log: Mode plus the
// search bit wherever Mode grants read.
func (o Options) dirMode() fs.FileMode {
	return o.Mode | (o.Mode&0o444)>>2
}

// sealedMode is the mode of a file that has been rotated away: the owner
// execute bit tells writers still holding it to reopen the path.
func (o Options) sealedMode() fs.FileMode {
	return o.Mode | 0o100
}
