package maildir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Move renames the whole maildir at oldRoot (INBOX, folders, subscription
// and quota files: the directory as it is) to newRoot, for example when an
// address changed. Missing parents of newRoot are created with mode 0700.
// The move is one rename(2): atomic, so a concurrent delivery lands either
// in the old or in the new place, never half-way. It never overwrites:
// when newRoot exists the error satisfies errors.Is(err, fs.ErrExist).
// Across filesystems it fails with an error satisfying
// errors.Is(err, syscall.EXDEV); copying is left to the caller. Both
// parent directories are fsynced afterwards.
//
// Where the filesystem lacks renameat2(RENAME_NOREPLACE) (NFS, for
// example), Move first creates newRoot as an empty directory to claim the
// name, then renames over it, which the kernel allows only while it is
// still empty.
func Move(oldRoot, newRoot string) error {
	fi, err := os.Lstat(oldRoot)
	if err != nil {
		return fmt.Errorf("maildir: move: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("maildir: move: %w: %s", ErrNotDir, oldRoot)
	}
	newParent := filepath.Dir(newRoot)
	if err := os.MkdirAll(newParent, 0o700); err != nil {
		return fmt.Errorf("maildir: move: %w", err)
	}
	if err := rename(oldRoot, newRoot); err != nil {
		return fmt.Errorf("maildir: move %s to %s: %w", oldRoot, newRoot, err)
	}
	for _, dir := range []string{filepath.Dir(oldRoot), newParent} {
		fd, err := openDir(unix.AT_FDCWD, dir, dir, true)
		if err != nil {
			return fmt.Errorf("maildir: move: %w", err)
		}
		err = fsyncDir(fd, dir)
		unix.Close(fd)
		if err != nil {
			return fmt.Errorf("maildir: move: %w", err)
		}
	}
	return nil
}

// rename renames without ever replacing an existing newpath.
func rename(oldpath, newpath string) error {
	err := retryEINTR(func() error {
		return unix.Renameat2(unix.AT_FDCWD, oldpath, unix.AT_FDCWD, newpath, unix.RENAME_NOREPLACE)
	})
	if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) {
		return err
	}
	return renameClaimed(oldpath, newpath)
}

// renameClaimed renames a directory without replacing anything where
// renameat2(RENAME_NOREPLACE) is not available: mkdir claims newpath
// atomically, and rename(2) replaces a directory only while it is empty.
func renameClaimed(oldpath, newpath string) error {
	if err := os.Mkdir(newpath, 0o700); err != nil {
		return err
	}
	// unix.Rename, not os.Rename: os.Rename refuses any existing directory.
	if err := retryEINTR(func() error { return unix.Rename(oldpath, newpath) }); err != nil {
		os.Remove(newpath) // only removes it while still empty
		if errors.Is(err, unix.ENOTEMPTY) {
			return fmt.Errorf("%s filled meanwhile: %w", newpath, fs.ErrExist)
		}
		return err
	}
	return nil
}
