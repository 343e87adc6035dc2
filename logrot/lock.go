package logrot

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// lockFile is the rotation lock: flock(2) on <log>.lock beside the log. The
// lock file is never removed (removing a lock file races with lockers).
type lockFile struct {
	path string
	mode fs.FileMode
	fd   int // -1 when not open
	dev  uint64
	ino  uint64
}

func newLockFile(path string, mode fs.FileMode) lockFile {
	return lockFile{path: path, mode: mode, fd: -1}
}

// open opens (creating) the lock file and records its identity.
func (l *lockFile) open() error {
	fd, err := openExact(l.path, unix.O_RDWR, l.mode)
	if err != nil {
		return err
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return &os.PathError{Op: "fstat", Path: l.path, Err: err}
	}
	l.fd, l.dev, l.ino = fd, st.Dev, st.Ino
	return nil
}

// close drops the lock (if held) and closes the file.
func (l *lockFile) close() {
	if l.fd >= 0 {
		unix.Close(l.fd)
		l.fd = -1
	}
}

// acquire takes the exclusive lock, opening the file if needed, and waits at
// most timeout for another holder to let go.
func (l *lockFile) acquire(timeout time.Duration) error {
	if l.fd < 0 {
		if err := l.open(); err != nil {
			return err
		}
	}
	err := flock(l.fd, unix.LOCK_EX|unix.LOCK_NB)
	if err == nil {
		return nil
	}
	if !errors.Is(err, unix.EWOULDBLOCK) {
		return &os.PathError{Op: "flock", Path: l.path, Err: err}
	}
	return l.wait(timeout)
}

// wait blocks in flock(2) on a helper goroutine so that the caller can give
// up after timeout. On timeout the helper keeps the descriptor and closes
// it (dropping the lock) as soon as its flock returns; l opens a new one
// next time.
func (l *lockFile) wait(timeout time.Duration) error {
	var (
		mu        sync.Mutex
		abandoned bool
		done      = make(chan error, 1)
		fd        = l.fd
	)
	l.signal(unix.F_RDLCK)
	go func() {
		err := flock(fd, unix.LOCK_EX)
		mu.Lock()
		defer mu.Unlock()
		if abandoned {
			unix.Close(fd)
			return
		}
		done <- err
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-done:
		l.signal(unix.F_UNLCK)
		return l.waited(err)
	case <-t.C:
	}
	mu.Lock()
	defer mu.Unlock()
	select {
	case err := <-done:
		l.signal(unix.F_UNLCK)
		return l.waited(err)
	default:
	}
	abandoned = true // closing fd also drops its signal
	l.fd = -1
	return fmt.Errorf("%w after %v on %s", ErrLockTimeout, timeout, l.path)
}

func (l *lockFile) waited(err error) error {
	if err != nil {
		return &os.PathError{Op: "flock", Path: l.path, Err: err}
	}
	return nil
}

// signal sets (typ F_RDLCK) or clears (F_UNLCK) an open-file-description
// read lock on the first byte of the lock file, which tells a writer keeping
// the lock as a lease (see lease.go) that this descriptor waits for it.
// Where such locks are not supported, or conflict with flock (NFS), waiters
// are not announced and leases end by age only.
func (l *lockFile) signal(typ int16) {
	lk := unix.Flock_t{Type: typ, Whence: io.SeekStart, Len: 1}
	unix.FcntlFlock(uintptr(l.fd), unix.F_OFD_SETLK, &lk)
}

// wanted reports whether another descriptor has signalled that it waits for
// the lock.
func (l *lockFile) wanted() bool {
	if l.fd < 0 {
		return false
	}
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: io.SeekStart, Len: 1}
	if unix.FcntlFlock(uintptr(l.fd), unix.F_OFD_GETLK, &lk) != nil {
		return false
	}
	return lk.Type != unix.F_UNLCK
}

// release drops the lock.
func (l *lockFile) release() {
	if l.fd >= 0 {
		flock(l.fd, unix.LOCK_UN)
	}
}

// current reports whether the locked file is still the one at l.path, so
// that a lock file removed or replaced (a recreated directory) is noticed.
func (l *lockFile) current() bool {
	var st unix.Stat_t
	return unix.Stat(l.path, &st) == nil && st.Dev == l.dev && st.Ino == l.ino
}

// flock is flock(2), retried on EINTR.
func flock(fd, how int) error {
	for {
		err := unix.Flock(fd, how)
		if err != unix.EINTR {
			return err
		}
	}
}

// openExact opens path with flags, creating it if missing with exactly mode
// (not narrowed by the umask). The descriptor is close-on-exec.
func openExact(path string, flags int, mode fs.FileMode) (int, error) {
	flags |= unix.O_CLOEXEC
	for {
		fd, err := unix.Open(path, flags|unix.O_CREAT|unix.O_EXCL, uint32(mode.Perm()))
		if err == nil {
			if err := unix.Fchmod(fd, uint32(mode.Perm())); err != nil {
				unix.Close(fd)
				return -1, &os.PathError{Op: "chmod", Path: path, Err: err}
			}
			return fd, nil
		}
		if err != unix.EEXIST {
			return -1, &os.PathError{Op: "open", Path: path, Err: err}
		}
		fd, err = unix.Open(path, flags, 0)
		if err == nil {
			return fd, nil
		}
		if err != unix.ENOENT { // removed between the two opens: try again
			return -1, &os.PathError{Op: "open", Path: path, Err: err}
		}
	}
}
