package maildir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// subdirs are the three directories of every maildir, in creation order.
var subdirs = [...]string{"tmp", "new", "cur"}

// Create makes the top-level maildir like maildirmake: the root with every
// missing parent (e.g. /var/vmail/example.com/bob), then tmp/, new/ and
// cur/, each created with Options.DirMode exactly (the umask does not
// apply). Directories that already exist are left as they are, so Create
// is idempotent, and any number of goroutines or processes may call it for
// the same maildir at once. Unless Options.NoFsync is set, each parent of
// a new directory is fsynced, so a message delivered afterwards cannot
// vanish with its directory in a crash. It returns an error wrapping
// ErrNotDir when a path component is not a directory and ErrSymlink when
// tmp/, new/ or cur/ is a symbolic link. Create does not make folders;
// see CreateFolder and CreateSpecialFolders.
func (m *Maildir) Create() error {
	if err := m.mkdirAll(m.root); err != nil {
		return err
	}
	return m.Inbox().makeSubdirs()
}

// makeSubdirs creates tmp/, new/ and cur/ in d.path, which must exist.
func (d Dir) makeSubdirs() error {
	created := false
	for _, s := range subdirs {
		made, err := d.m.mkdir(filepath.Join(d.path, s), false)
		if err != nil {
			return err
		}
		created = created || made
	}
	if created {
		return d.m.syncDir(d.path)
	}
	return nil
}

// mkdirAll creates path and its missing parents. Symbolic links among
// existing parents are followed: the administrator put them there.
func (m *Maildir) mkdirAll(path string) error {
	fi, err := os.Stat(path)
	if err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%w: %s", ErrNotDir, path)
		}
		return nil
	}
	// ENOTDIR: a parent is a file; recursing up names it.
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, unix.ENOTDIR) {
		return fmt.Errorf("maildir: %w", err)
	}
	if parent := filepath.Dir(path); parent != path {
		if err := m.mkdirAll(parent); err != nil {
			return err
		}
	}
	made, err := m.mkdir(path, true)
	if err == nil && made {
		err = m.syncDir(filepath.Dir(path))
	}
	return err
}

// mkdir creates one directory with DirMode and reports whether it did. An
// existing directory is fine (another process may have just made it); an
// existing symbolic link is refused unless follow is set.
func (m *Maildir) mkdir(path string, follow bool) (bool, error) {
	err := os.Mkdir(path, m.opts.DirMode)
	if err == nil {
		if err := os.Chmod(path, m.opts.DirMode); err != nil {
			return true, fmt.Errorf("maildir: %w", err)
		}
		return true, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, fmt.Errorf("maildir: %w", err)
	}
	stat := os.Lstat
	if follow {
		stat = os.Stat
	}
	fi, err := stat(path)
	switch {
	case err != nil:
		return false, fmt.Errorf("maildir: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return false, fmt.Errorf("%w: %s", ErrSymlink, path)
	case !fi.IsDir():
		return false, fmt.Errorf("%w: %s", ErrNotDir, path)
	}
	return false, nil
}

// syncDir fsyncs the directory at path unless Options.NoFsync is set.
func (m *Maildir) syncDir(path string) error {
	if m.opts.NoFsync {
		return nil
	}
	fd, err := openDir(unix.AT_FDCWD, path, path, true)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	return fsyncDir(fd, path)
}
