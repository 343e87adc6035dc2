package maildir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// replaceFile atomically replaces path with content: it writes tmp,
// fsyncs and closes it, renames it over path and fsyncs the directory.
// With dotlock, tmp is a Dovecot dotlock: created exclusively, waiting
// while another program holds it. The caller holds the subscriptions
// lock, so a plain tmp name is not shared with another writer.
func (m *Maildir) replaceFile(path, tmp string, dotlock bool, content string) (err error) {
	mode := m.opts.DirMode &^ 0o111
	var f *os.File
	if dotlock {
		f, err = createDotlock(tmp, mode)
	} else {
		// A leftover of a crashed writer; never write through it (it
		// could be a link planted to some other file).
		if err = os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, mode)
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if _, err = f.WriteString(content); err != nil {
		return err
	}
	if !m.opts.NoFsync {
		if err = f.Sync(); err != nil {
			return err
		}
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return m.syncDir(filepath.Dir(path))
}

// createDotlock creates path exclusively, as Dovecot's file_dotlock_open
// does. While it exists it waits, removing it once it has not changed for
// dotlockStale (its holder died), and gives up with
// ErrSubscriptionsLocked after dotlockTimeout.
func createDotlock(path string, mode fs.FileMode) (*os.File, error) {
	deadline := time.Now().Add(dotlockTimeout)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, mode)
		if err == nil || !errors.Is(err, fs.ErrExist) {
			return f, err
		}
		fi, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err == nil && time.Since(fi.ModTime()) > dotlockStale:
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			continue
		case time.Now().After(deadline):
			return nil, ErrSubscriptionsLocked
		}
		time.Sleep(dotlockPoll)
	}
}

// readSubsFile returns the contents of a subscription file, "" when it
// does not exist. A symbolic link is refused with ErrSymlink: its target
// may be outside the maildir.
func readSubsFile(path string) (string, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case errors.Is(err, syscall.ELOOP):
		return "", fmt.Errorf("%w: %s", ErrSymlink, path)
	case err != nil:
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return string(b), err
}
