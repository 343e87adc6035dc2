package logrot

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Writer appends records to a size-capped, self-rotating log file that any
// number of processes may share. Each Write is one record. A Writer is safe
// for concurrent use; Close it when done.
type Writer struct {
	path  string // the current log file
	dir   string
	base  string
	opts  Options
	clock func() time.Time
	retry time.Duration

	mu        sync.Mutex // guards everything below
	closed    bool
	lock      lockFile
	lease     lease
	known     known     // the current file as last seen by statx
	fd        int       // the current file as opened, -1 when none
	nextCheck time.Time // next by-path check of fd and lock
	buf       []byte
	health    health

	gz compressor
}

// Open returns a Writer for the log file at path (for example
// /var/log/letterbox/deliver.log). It fails only for invalid options,
// wrapping ErrInvalidOptions; the file system is touched at the first Write,
// and trouble there degrades logging instead of failing (see Write).
func Open(path string, opts Options) (*Writer, error) {
	return open(path, opts, time.Now)
}

// open is Open with a clock seam for tests.
func open(path string, opts Options, clock func() time.Time) (*Writer, error) {
	o, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return nil, fmt.Errorf("%w: empty path", ErrInvalidOptions)
	}
	path = filepath.Clean(path)
	w := &Writer{
		path:  path,
		dir:   filepath.Dir(path),
		base:  filepath.Base(path),
		opts:  o,
		clock: clock,
		retry: retryInterval,
		lock:  newLockFile(path+".lock", o.Mode),
		fd:    -1,
	}
	w.health.out = &errorLog{w: o.ErrorLog, path: path}
	w.gz.init(w)
	return w, nil
}

// maxKeptBuffer is the largest record buffer a Writer keeps between Writes.
const maxKeptBuffer = 64 << 10

// Path returns the path of the current log file.
func (w *Writer) Path() string { return w.path }

// Write appends p as one record, with the timestamp prefix if configured
// and a newline added if p does not end with one, in a single write(2) on
// an O_APPEND descriptor while holding the rotation lock. The record is
// never split across files nor interleaved with other writers' records.
//
// Write never fails a caller because the log is unwritable: it returns
// len(p), nil also when the record had to be dropped (disk full, permission
// denied, lock timeout, a directory that cannot be recreated, ...). The
// first failure writes one line to Options.ErrorLog; for the next second
// records are dropped without touching the disk, then Write tries again and,
// once it succeeds, reports how many records were lost. Dropped counts them.
// Write waits at most Options.LockTimeout. After Close it returns ErrClosed.
func (w *Writer) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, ErrClosed
	}
	if w.health.failing && w.health.waiting(w.clock()) {
		w.health.drop()
		return len(p), nil
	}
	err := w.writeRecord(p)
	if cap(w.buf) > maxKeptBuffer { // do not hold on to the memory of a huge record
		w.buf = nil
	}
	if err != nil {
		w.closeFile()
		w.health.fail(err, w.clock(), w.retry)
		w.health.drop()
		return len(p), nil
	}
	w.health.ok()
	return len(p), nil
}

// writeRecord formats p and appends it under the rotation lock.
func (w *Writer) writeRecord(p []byte) error {
	return w.locked(func() error {
		rec := p
		if w.opts.Timestamp != NoTimestamp || p[len(p)-1] != '\n' {
			w.buf = appendPrefix(w.buf[:0], w.opts.Timestamp, w.clock()) // under the lock: stamps follow file order
			w.buf = append(w.buf, p...)
			if p[len(p)-1] != '\n' {
				w.buf = append(w.buf, '\n')
			}
			rec = w.buf
		}
		size, err := w.prepare(int64(len(rec)))
		if err != nil {
			return err
		}
		err = w.appendRecord(rec, size)
		if size > 0 && errors.Is(err, unix.EFBIG) {
			// A file size limit (ulimit -f, which Postfix pipe(8) sets to
			// mailbox_size_limit) below MaxBytes: start a new file.
			if err := w.rotate(); err != nil {
				return err
			}
			if size, err = w.prepare(int64(len(rec))); err != nil {
				return err
			}
			err = w.appendRecord(rec, size)
		}
		return err
	})
}

// Rotate makes the current file a rotated one now, if it is not empty, as
// when it fills up. It returns the error that stopped it (lock timeout,
// rename refused, ...) and ErrClosed after Close.
func (w *Writer) Rotate() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	return w.locked(func() error {
		size, err := w.prepare(0)
		if err != nil || size == 0 {
			return err
		}
		return w.rotate()
	})
}

// Dropped returns the number of records this Writer has dropped because the
// log could not be written.
func (w *Writer) Dropped() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.health.dropped
}

// Close closes the files, waits for a background compression this Writer
// started, and makes later calls fail with ErrClosed. It reports dropped
// records still unreported to Options.ErrorLog. Close is idempotent.
func (w *Writer) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	err := w.closeFile()
	w.lease.held = false
	w.lock.close()
	w.health.closing()
	w.mu.Unlock()
	w.stopExpiry(&w.lease)
	w.gz.wait()
	return err
}
