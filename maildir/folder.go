package maildir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// folderMarker is the empty file Courier's maildirmake -f and Dovecot put
// into every Maildir++ folder (maildirquota code relies on it).
const folderMarker = "maildirfolder"

// CreateFolder creates the folder called name (see Folder): the top-level
// maildir if missing (see Create), then root/.Name with tmp/, new/, cur/
// and the empty maildirfolder marker, like maildirmake -f. Existing parts
// are kept, so CreateFolder is idempotent, and any number of goroutines
// and processes may create the same folder at once: when it returns, the
// folder is complete. A folder directory that is a symbolic link is
// refused with ErrSymlink. CreateFolder does not subscribe the folder (see
// Subscribe). For "INBOX" it is Create.
func (m *Maildir) CreateFolder(name string) (Dir, error) {
	d, err := m.Folder(name)
	if err != nil {
		return Dir{}, err
	}
	if err := m.Create(); err != nil {
		return Dir{}, err
	}
	if d.path == m.root {
		return d, nil
	}
	if err := d.createFolder(); err != nil {
		return Dir{}, fmt.Errorf("maildir: create folder %q: %w", name, err)
	}
	return d, nil
}

// createFolder makes d.path, its marker and tmp/, new/, cur/; the root
// exists.
func (d Dir) createFolder() error {
	made, err := d.m.mkdir(d.path, false)
	if err != nil {
		return err
	}
	fd, err := d.openPath()
	if err != nil {
		return err
	}
	err = createMarker(fd, filepath.Join(d.path, folderMarker), uint32(d.m.opts.DirMode&^0o111))
	unix.Close(fd)
	if err != nil {
		return err
	}
	if err := d.makeSubdirs(); err != nil {
		return err
	}
	if made {
		return d.m.syncDir(d.m.root)
	}
	return nil
}

// createMarker creates the empty file folderMarker in the open directory
// fd unless it exists; a symbolic link there is refused.
func createMarker(fd int, path string, mode uint32) error {
	var f int
	err := retryEINTR(func() (err error) {
		f, err = unix.Openat(fd, folderMarker, unix.O_WRONLY|unix.O_CREAT|unix.O_NOFOLLOW|unix.O_CLOEXEC, mode)
		return err
	})
	switch {
	case errors.Is(err, unix.ELOOP):
		return fmt.Errorf("%w: %s", ErrSymlink, path)
	case err != nil:
		return &fs.PathError{Op: "create", Path: path, Err: err}
	}
	return unix.Close(f)
}

// Folders returns every Maildir++ folder of the maildir (not the INBOX),
// sorted by IMAP name. Directories whose names this Maildir's options
// could not have produced (see DecodeFolderName), symbolic links and
// plain files are left out. A missing maildir has no folders.
func (m *Maildir) Folders() ([]Dir, error) {
	entries, err := os.ReadDir(m.root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("maildir: list folders: %w", err)
	}
	c := m.codec()
	var dirs []Dir
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name, err := c.decode(e.Name())
		if err != nil {
			continue
		}
		dirs = append(dirs, Dir{m: m, path: filepath.Join(m.root, e.Name()), name: name})
	}
	slices.SortFunc(dirs, func(a, b Dir) int { return strings.Compare(a.name, b.name) })
	return dirs, nil
}

// tree returns the on-disk names of the folder disk and all its
// subfolders (disk + ".*") that exist, refusing symbolic links.
func (m *Maildir) tree(disk string) ([]string, error) {
	entries, err := os.ReadDir(m.root)
	if err != nil {
		return nil, fmt.Errorf("maildir: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if n != disk && !strings.HasPrefix(n, disk+".") {
			continue
		}
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%w: %s", ErrSymlink, filepath.Join(m.root, n))
		case e.IsDir():
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("maildir: %s: %w", filepath.Join(m.root, disk), fs.ErrNotExist)
	}
	return names, nil
}

// isInTree reports whether the IMAP name is top or one of its subfolders.
func isInTree(name, top string, sep rune) bool {
	return name == top || strings.HasPrefix(name, top+string(sep))
}
