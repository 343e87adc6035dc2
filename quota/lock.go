package quota

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// LockFileName is the file in the top maildir on which Letterbox processes
// coordinate rebuilds of maildirsize with deliveries. Courier and Dovecot
// ignore it; against them the directory-mtime check applies.
const LockFileName = "maildirsize.lock"

// Byte ranges of the lock file (Linux open file description locks, so
// goroutines and processes exclude each other alike).
const (
	gateByte = 0 // taken exclusively by a rebuild, briefly shared by deliveries: no starvation
	mainByte = 1 // shared by deliveries from the link to the append, exclusive for a rebuild
)

// mdLock is the open lock file of one maildir.
type mdLock struct{ f *os.File }

func openLock(root string) (mdLock, error) {
	f, err := os.OpenFile(filepath.Join(root, LockFileName), os.O_RDWR|os.O_CREATE|syscallNoFollow, 0o600)
	if err != nil {
		return mdLock{}, fmt.Errorf("quota: lock: %w", err)
	}
	return mdLock{f: f}, nil
}

func (l mdLock) close() {
	if l.f != nil {
		l.f.Close()
	}
}

func (l mdLock) set(typ int16, start int64) error {
	lk := unix.Flock_t{Type: typ, Whence: 0, Start: start, Len: 1}
	for {
		err := unix.FcntlFlock(l.f.Fd(), unix.F_OFD_SETLKW, &lk)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// shared is held by a delivery from before its link into new/ until its
// line is appended: a rebuild then counts the message and sees the line
// in the file it replaces, or does neither.
func (l mdLock) shared() error {
	if err := l.set(unix.F_RDLCK, gateByte); err != nil {
		return fmt.Errorf("quota: lock: %w", err)
	}
	err := l.set(unix.F_RDLCK, mainByte)
	return errors.Join(err, l.set(unix.F_UNLCK, gateByte))
}

// exclusive is held by a rebuild from the count to the rename.
func (l mdLock) exclusive() error {
	if err := l.set(unix.F_WRLCK, gateByte); err != nil {
		return fmt.Errorf("quota: lock: %w", err)
	}
	if err := l.set(unix.F_WRLCK, mainByte); err != nil {
		_ = l.set(unix.F_UNLCK, gateByte)
		return fmt.Errorf("quota: lock: %w", err)
	}
	return nil
}

func (l mdLock) unlock() {
	_ = l.set(unix.F_UNLCK, mainByte)
	_ = l.set(unix.F_UNLCK, gateByte)
}
