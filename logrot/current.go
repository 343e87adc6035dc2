package logrot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// errLockMoved tells the caller to drop the lock and take it again: the lock
// file at the path is no longer the one locked (the directory was removed
// and recreated, or the lock file removed).
var errLockMoved = errors.New("logrot: lock file replaced")

// locked runs fn holding the rotation lock, taking it again (up to twice)
// when fn finds that the lock file was replaced. Afterwards the lock is kept
// as a lease or released (see settle).
func (w *Writer) locked(fn func() error) error {
	for attempt := 0; ; attempt++ {
		if err := w.acquire(); err != nil {
			return err
		}
		err := fn()
		if err != errLockMoved {
			w.settle(err)
			return err
		}
		w.lease.held = false
		w.lock.close()
		w.closeFile()
		if attempt == 2 {
			return fmt.Errorf("logrot: lock file %s keeps changing", w.lock.path)
		}
	}
}

// acquire takes the rotation lock, unless held as a lease, creating the
// directory if it is missing.
func (w *Writer) acquire() error {
	if w.lease.held {
		return nil
	}
	w.yield()
	err := w.lock.acquire(w.opts.LockTimeout)
	if errors.Is(err, fs.ErrNotExist) {
		if err := w.mkdir(); err != nil {
			return err
		}
		err = w.lock.acquire(w.opts.LockTimeout)
	}
	return err
}

// checkDue reports whether the by-path checks of the lock and current file
// are due.
func (w *Writer) checkDue() bool {
	return w.fd < 0 || !w.clock().Before(w.nextCheck)
}

// prepare makes w.fd the current file with room for a record of n bytes,
// rotating when it is full, and returns the file's size. The caller holds
// the rotation lock, so the size cannot change before the record is written.
// When a by-path check is due, and before opening the path, it makes sure
// the lock held is the lock file at its path, so that all writers of a
// recreated directory lock the same file; if not, it returns errLockMoved.
func (w *Writer) prepare(n int64) (int64, error) {
	if w.trusted(n) {
		return w.known.size, nil
	}
	check := w.checkDue()
	lockChecked := false
	for range 4 {
		if (check || w.fd < 0) && !lockChecked {
			if !w.lock.current() {
				return 0, errLockMoved
			}
			lockChecked = true
		}
		if w.fd < 0 {
			if err := w.openCurrent(); err != nil {
				return 0, err
			}
			check = false
		}
		at := time.Now()
		st, err := statFd(w.fd, w.path)
		if err != nil {
			return 0, err
		}
		switch {
		case st.nlink == 0: // removed from the directory
			w.closeFile()
		case st.mode&0o100 != 0: // sealed: rotated away, or a rotation stopped half-way
			if err := w.rotate(); err != nil {
				return 0, err
			}
			w.closeFile()
		case check && !w.atPath(st): // moved away by someone else
			w.closeFile()
		case n > 0 && st.size > 0 && st.size+n > w.opts.MaxBytes:
			if err := w.rotate(); err != nil {
				return 0, err
			}
		default:
			if check {
				w.nextCheck = w.clock().Add(checkInterval)
			}
			w.known = known{ok: true, size: st.size, at: at}
			return st.size, nil
		}
	}
	return 0, fmt.Errorf("logrot: %s keeps changing", w.path)
}

// openCurrent opens (creating) the file at w.path for appending.
func (w *Writer) openCurrent() error {
	fd, err := openExact(w.path, unix.O_WRONLY|unix.O_APPEND, w.opts.Mode)
	if errors.Is(err, fs.ErrNotExist) {
		if err := w.mkdir(); err != nil {
			return err
		}
		fd, err = openExact(w.path, unix.O_WRONLY|unix.O_APPEND, w.opts.Mode)
	}
	if err != nil {
		return err
	}
	w.fd = fd
	w.nextCheck = w.clock().Add(checkInterval)
	return nil
}

// atPath reports whether the file described by st is the one at w.path.
func (w *Writer) atPath(st fileStat) bool {
	cur, err := statPath(w.path)
	return err == nil && cur.dev == st.dev && cur.ino == st.ino
}

// mkdir creates the log's directory (and parents) when missing.
func (w *Writer) mkdir() error {
	if err := os.MkdirAll(w.dir, w.opts.dirMode()); err != nil {
		return fmt.Errorf("logrot: create directory: %w", err)
	}
	return nil
}

// appendRecord writes rec with one write(2) (more only if the kernel writes
// it short). A failed write is cut back to size, the length before it, so
// that no torn record stays in the file; the caller holds the lock, so no
// other record can follow it. A written record brings w.known up to date.
func (w *Writer) appendRecord(rec []byte, size int64) error {
	written := 0
	for written < len(rec) {
		n, err := unix.Write(w.fd, rec[written:])
		if err == unix.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = unix.EIO
		}
		if err != nil {
			if written > 0 {
				unix.Ftruncate(w.fd, size)
			}
			return &os.PathError{Op: "write", Path: w.path, Err: err}
		}
		written += n
	}
	w.known.size = size + int64(written)
	return nil
}

// closeFile closes the current file, if open.
func (w *Writer) closeFile() error {
	w.known.ok = false
	if w.fd < 0 {
		return nil
	}
	err := unix.Close(w.fd)
	w.fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: w.path, Err: err}
	}
	return nil
}
