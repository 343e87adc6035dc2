package maildir

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// TmpMaxAge is how old a file in tmp/ must be before CleanTmp removes it:
// 36 hours, as Bernstein's maildir description and Dovecot use.
const TmpMaxAge = 36 * time.Hour

// CleanTmp removes the files in tmp/ of the INBOX and of every Maildir++
// folder whose modification time is more than TmpMaxAge ago, and returns
// how many it removed. Such files are left-overs of deliveries that died
// before publishing; a delivery in progress writes to its file, so it is
// never that old. Folders are found by scanning the root for directories
// whose names start with '.'; symbolic links are not followed.
// Subdirectories of tmp/ are left alone, except the trash directories an
// interrupted DeleteFolder left in the root's tmp/ more than an hour ago,
// which are removed with their contents. A file that disappears meanwhile
// (another process cleaning) is not an error. ctx is checked between
// directories.
func (m *Maildir) CleanTmp(ctx context.Context) (removed int, err error) {
	dirs := []string{m.root}
	es, err := os.ReadDir(m.root)
	if err != nil {
		return 0, fmt.Errorf("maildir: clean tmp: %w", err)
	}
	for _, e := range es {
		if e.IsDir() && strings.HasPrefix(e.Name(), ".") && e.Name() != "." && e.Name() != ".." {
			dirs = append(dirs, filepath.Join(m.root, e.Name()))
		}
	}
	cutoff := m.opts.now().Add(-TmpMaxAge)
	for _, dir := range dirs {
		if err := ctx.Err(); err != nil {
			return removed, fmt.Errorf("maildir: clean tmp: %w", err)
		}
		n, err := cleanDir(filepath.Join(dir, "tmp"), cutoff)
		removed += n
		if err != nil {
			return removed, fmt.Errorf("maildir: clean tmp: %w", err)
		}
	}
	m.removeStaleTrash()
	return removed, nil
}

// cleanDir removes the regular files and symbolic links in dir last
// modified before cutoff. A missing dir is not an error.
func cleanDir(dir string, cutoff time.Time) (int, error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if !fi.IsDir() { // a symbolic link or something else: never follow
		return 0, nil
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, e := range es {
		if e.IsDir() {
			continue
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return removed, err
		}
		if !info.ModTime().Before(cutoff) {
			continue
		}
		switch err := os.Remove(filepath.Join(dir, e.Name())); {
		case err == nil:
			removed++
		case !errors.Is(err, fs.ErrNotExist):
			return removed, err
		}
	}
	return removed, nil
}
