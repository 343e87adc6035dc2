package maildir

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// trashPrefix starts the names under tmp/ that DeleteFolder moves folders
// to before removing them.
const trashPrefix = "letterbox-trash."

// RenameFolder renames the folder oldName to newName together with all its
// subfolders (".A" to ".B" also renames ".A.X" to ".B.X"), then renames
// their lines in the subscription files. It never overwrites: when newName
// or the new name of any subfolder exists, it returns ErrFolderExists and
// renames nothing. A missing oldName gives fs.ErrNotExist, a folder
// directory that is a symbolic link ErrSymlink, names that are invalid,
// the INBOX, or newName inside oldName a *FolderNameError. Renaming a
// folder to itself does nothing. When a rename fails half-way, the
// folders already renamed are renamed back.
func (m *Maildir) RenameFolder(oldName, newName string) error {
	c := m.codec()
	oldDisk, err := c.encode(oldName)
	if err != nil {
		return err
	}
	newDisk, err := c.encode(newName)
	if err != nil || oldDisk == newDisk {
		return err
	}
	if isInTree(newName, oldName, c.sep) {
		return &FolderNameError{Name: newName, Reason: "inside the folder being renamed, " + oldName}
	}
	srcs, err := m.tree(oldDisk)
	if err != nil {
		return err
	}
	if err := m.renameTree(srcs, oldDisk, newDisk); err != nil {
		return fmt.Errorf("maildir: rename folder %q to %q: %w", oldName, newName, err)
	}
	return m.editSubscriptions(func(name string) (string, bool) {
		if isInTree(name, oldName, c.sep) {
			return newName + name[len(oldName):], true
		}
		return name, true
	}, nil)
}

// renameTree renames every directory in srcs from the prefix oldDisk to
// newDisk after checking that no target exists.
func (m *Maildir) renameTree(srcs []string, oldDisk, newDisk string) error {
	dsts := make([]string, len(srcs))
	for i, s := range srcs {
		dsts[i] = newDisk + s[len(oldDisk):]
		if len(dsts[i]) > MaxFolderNameBytes {
			return &FolderNameError{Name: dsts[i], Reason: "longer than 255 bytes on disk"}
		}
		if _, err := os.Lstat(filepath.Join(m.root, dsts[i])); !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s", ErrFolderExists, filepath.Join(m.root, dsts[i]))
		}
	}
	root, err := openDir(unix.AT_FDCWD, m.root, m.root, true)
	if err != nil {
		return err
	}
	defer unix.Close(root)
	for i := range srcs {
		if err := renameNoReplace(root, srcs[i], root, dsts[i]); err != nil {
			for j := i - 1; j >= 0; j-- {
				_ = renameNoReplace(root, dsts[j], root, srcs[j])
			}
			return fmt.Errorf("%s: %w", filepath.Join(m.root, srcs[i]), err)
		}
	}
	if m.opts.NoFsync {
		return nil
	}
	return fsyncDir(root, m.root)
}

// renameNoReplace renames like renameat2(RENAME_NOREPLACE), falling back to
// a check and renameat on file systems without it; an existing target
// gives ErrFolderExists.
func renameNoReplace(oldfd int, oldName string, newfd int, newName string) error {
	err := retryEINTR(func() error {
		return unix.Renameat2(oldfd, oldName, newfd, newName, unix.RENAME_NOREPLACE)
	})
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		var st unix.Stat_t
		if unix.Fstatat(newfd, newName, &st, unix.AT_SYMLINK_NOFOLLOW) == nil {
			return ErrFolderExists
		}
		err = unix.Renameat(oldfd, oldName, newfd, newName)
	}
	switch {
	case errors.Is(err, unix.EEXIST), errors.Is(err, unix.ENOTEMPTY):
		return ErrFolderExists
	case err != nil:
		return &os.LinkError{Op: "rename", Old: oldName, New: newName, Err: err}
	}
	return nil
}

// DeleteFolder deletes the folder called name with all its subfolders and
// their messages, and removes them from the subscription files. Each
// folder directory is first renamed into the maildir's tmp/ (so IMAP
// servers and deliveries stop seeing it at once), then removed there;
// symbolic links inside are removed, never followed. A missing folder
// gives fs.ErrNotExist, a folder directory that is a symbolic link
// ErrSymlink (and nothing is deleted), an invalid name or the INBOX a
// *FolderNameError. Trash left in tmp/ by a DeleteFolder interrupted
// more than an hour ago is removed too.
func (m *Maildir) DeleteFolder(name string) error {
	c := m.codec()
	disk, err := c.encode(name)
	if err != nil {
		return err
	}
	srcs, err := m.tree(disk)
	if err != nil {
		return err
	}
	trash, err := m.moveToTrash(srcs)
	if err != nil {
		return fmt.Errorf("maildir: delete folder %q: %w", name, err)
	}
	if err := m.editSubscriptions(func(n string) (string, bool) {
		return n, !isInTree(n, name, c.sep)
	}, nil); err != nil {
		return err
	}
	for _, t := range trash {
		if err := os.RemoveAll(t); err != nil {
			return fmt.Errorf("maildir: delete folder %q: %w", name, err)
		}
	}
	m.removeStaleTrash()
	return nil
}

// trashStale is the age after which a trash directory in tmp/ is taken to
// be left over by a DeleteFolder that was interrupted (a crash).
const trashStale = time.Hour

// removeStaleTrash removes trash directories older than trashStale,
// best effort: the folder asked for is already gone, and the next
// DeleteFolder or CleanTmp tries again.
func (m *Maildir) removeStaleTrash() {
	tmp := filepath.Join(m.root, "tmp")
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	cutoff := m.opts.now().Add(-trashStale)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), trashPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) {
			_ = os.RemoveAll(filepath.Join(tmp, e.Name()))
		}
	}
}

// moveToTrash renames the folder directories srcs to unique names in
// tmp/ and returns their new paths; on failure it renames back those it
// moved.
func (m *Maildir) moveToTrash(srcs []string) ([]string, error) {
	root, err := openDir(unix.AT_FDCWD, m.root, m.root, true)
	if err != nil {
		return nil, err
	}
	defer unix.Close(root)
	tmpPath := filepath.Join(m.root, "tmp")
	tmp, err := openDir(root, "tmp", tmpPath, false)
	if err != nil {
		return nil, err
	}
	defer unix.Close(tmp)
	trash := make([]string, len(srcs))
	for i, s := range srcs {
		var rnd [8]byte
		_, _ = rand.Read(rnd[:])
		trash[i] = trashPrefix + hex.EncodeToString(rnd[:])
		if err := renameNoReplace(root, s, tmp, trash[i]); err != nil {
			for j := i - 1; j >= 0; j-- {
				_ = renameNoReplace(tmp, trash[j], root, srcs[j])
			}
			return nil, fmt.Errorf("%s: %w", filepath.Join(m.root, s), err)
		}
	}
	moved := make([]string, len(trash))
	for i, t := range trash {
		moved[i] = filepath.Join(tmpPath, t)
	}
	if m.opts.NoFsync {
		return moved, nil
	}
	return moved, fsyncDir(root, m.root)
}
