package maildir

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// dirFlags open a directory for *at calls and fsync.
const dirFlags = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC

// openDir opens the directory name relative to dirfd. Unless follow is set
// it refuses a symbolic link with ErrSymlink. Errors name path, the
// directory's full path.
func openDir(dirfd int, name, path string, follow bool) (int, error) {
	flags := dirFlags
	if !follow {
		flags |= unix.O_NOFOLLOW
	}
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = unix.Openat(dirfd, name, flags, 0)
		return err
	})
	switch {
	case err == nil:
		return fd, nil
	case errors.Is(err, unix.ELOOP):
		return -1, fmt.Errorf("%w: %s", ErrSymlink, path)
	case errors.Is(err, unix.ENOTDIR): // O_DIRECTORY|O_NOFOLLOW on a link gives ENOTDIR
		var st unix.Stat_t
		if unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
			return -1, fmt.Errorf("%w: %s", ErrSymlink, path)
		}
		return -1, fmt.Errorf("%w: %s", ErrNotDir, path)
	}
	return -1, &fs.PathError{Op: "open", Path: path, Err: err}
}

// openPath opens the directory d.path, following symbolic links only in
// the root given to New: below it (a folder) every component must be a
// real directory, so that a planted link cannot lead outside the maildir.
func (d Dir) openPath() (int, error) {
	fd, err := openDir(unix.AT_FDCWD, d.m.root, d.m.root, true)
	if err != nil || d.path == d.m.root {
		return fd, err
	}
	rel, err := filepath.Rel(d.m.root, d.path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		unix.Close(fd)
		return -1, fmt.Errorf("maildir: %s is outside %s", d.path, d.m.root)
	}
	path := d.m.root
	for c := range strings.SplitSeq(rel, "/") {
		path = filepath.Join(path, c)
		next, err := openDir(fd, c, path, false)
		unix.Close(fd)
		if err != nil {
			return -1, err
		}
		fd = next
	}
	return fd, nil
}

// fsyncDir fsyncs an open directory; path is for the error.
func fsyncDir(fd int, path string) error {
	if err := retryEINTR(func() error { return unix.Fsync(fd) }); err != nil {
		return &fs.PathError{Op: "fsync", Path: path, Err: err}
	}
	return nil
}

// retryEINTR calls f until it fails with something other than EINTR.
func retryEINTR(f func() error) error {
	for {
		if err := f(); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
