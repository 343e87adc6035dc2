package maildir

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newTestMaildir returns a Maildir under a fresh temp dir (not yet created).
func newTestMaildir(t *testing.T, opts Options) *Maildir {
	t.Helper()
	if opts.Hostname == "" {
		opts.Hostname = "test.example"
	}
	m, err := New(filepath.Join(t.TempDir(), "example.com", "bob"), opts)
	require.NoError(t, err)
	return m
}

// assertFolder checks that dir is a complete Maildir++ folder.
func assertFolder(t *testing.T, dir string) {
	t.Helper()
	for _, s := range []string{"tmp", "new", "cur"} {
		fi, err := os.Lstat(filepath.Join(dir, s))
		require.NoError(t, err)
		assert.True(t, fi.IsDir(), s)
		assert.Equal(t, fs.FileMode(0o700), fi.Mode().Perm(), s)
	}
	fi, err := os.Lstat(filepath.Join(dir, folderMarker))
	require.NoError(t, err)
	assert.True(t, fi.Mode().IsRegular())
	assert.Equal(t, int64(0), fi.Size())
	assert.Equal(t, fs.FileMode(0o600), fi.Mode().Perm())
}

func TestMaildir_CreateFolder(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	d, err := m.CreateFolder("Work/Entwürfe")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(m.Root(), ".Work.Entw&APw-rfe"), d.Path())
	assertFolder(t, d.Path())
	assert.DirExists(t, filepath.Join(m.Root(), "new"), "the INBOX is created too")
	assert.NoDirExists(t, filepath.Join(m.Root(), ".Work"), "Maildir++ needs no parent folder")
	assert.NoFileExists(t, filepath.Join(m.Root(), folderMarker), "the INBOX has no marker")

	again, err := m.CreateFolder("Work/Entwürfe")
	require.NoError(t, err)
	assert.Equal(t, d, again)

	inbox, err := m.CreateFolder("INBOX")
	require.NoError(t, err)
	assert.Equal(t, m.Inbox(), inbox)

	_, err = m.CreateFolder("../escape")
	require.ErrorIs(t, err, ErrBadFolderName)
	assert.NoDirExists(t, filepath.Join(filepath.Dir(m.Root()), "escape"))
}

func TestMaildir_CreateFolder_completesPartialFolder(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	require.NoError(t, m.Create())
	require.NoError(t, os.MkdirAll(filepath.Join(m.Root(), ".Junk", "new"), 0o700))
	d, err := m.CreateFolder("Junk")
	require.NoError(t, err)
	assertFolder(t, d.Path())
}

func TestMaildir_CreateFolder_concurrent(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	var wg sync.WaitGroup
	errs := make([]error, 32)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = m.CreateFolder([]string{"Junk", "Work/A", "Work/B", "Entwürfe"}[i%4])
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	folders, err := m.Folders()
	require.NoError(t, err)
	assert.Equal(t, []string{"Entwürfe", "Junk", "Work/A", "Work/B"}, names(folders))
	for _, f := range folders {
		assertFolder(t, f.Path())
	}
}

func TestMaildir_CreateFolder_symlinks(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		link   string // path under the root made a symlink to an outside dir
		target func(outside string) string
	}{
		"folder":          {".Junk", func(o string) string { return o }},
		"folder new/":     {".Junk/new", func(o string) string { return o }},
		"folder marker":   {".Junk/" + folderMarker, func(o string) string { return filepath.Join(o, "planted") }},
		"dangling folder": {".Junk", func(o string) string { return filepath.Join(o, "missing") }},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newTestMaildir(t, Options{})
			outside := t.TempDir()
			require.NoError(t, m.Create())
			require.NoError(t, os.MkdirAll(filepath.Join(m.Root(), filepath.Dir(tt.link)), 0o700))
			require.NoError(t, os.Symlink(tt.target(outside), filepath.Join(m.Root(), tt.link)))
			_, err := m.CreateFolder("Junk")
			require.ErrorIs(t, err, ErrSymlink)
			entries, err := os.ReadDir(outside)
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing may be written outside the maildir")
		})
	}
}

func TestMaildir_Folders(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	folders, err := m.Folders()
	require.NoError(t, err)
	assert.Empty(t, folders, "a missing maildir has no folders")

	for _, n := range []string{"Sent", "Archive/2025", "Entwürfe", "R&D"} {
		_, err := m.CreateFolder(n)
		require.NoError(t, err)
	}
	for _, junk := range []string{".R&D", ".INBOX", ".a..b", ".Entwürfe"} { // not produced by these options
		require.NoError(t, os.Mkdir(filepath.Join(m.Root(), junk), 0o700))
	}
	require.NoError(t, os.WriteFile(filepath.Join(m.Root(), ".file"), nil, 0o600))
	require.NoError(t, os.Symlink(t.TempDir(), filepath.Join(m.Root(), ".Link")))

	folders, err = m.Folders()
	require.NoError(t, err)
	assert.Equal(t, []string{"Archive/2025", "Entwürfe", "R&D", "Sent"}, names(folders))
	assert.Equal(t, filepath.Join(m.Root(), ".R&-D"), folders[2].Path())

	dot, err := New(m.Root(), Options{Separator: '.', Hostname: "h"})
	require.NoError(t, err)
	folders, err = dot.Folders()
	require.NoError(t, err)
	assert.Equal(t, "Archive.2025", folders[0].Name())
}

func names(dirs []Dir) []string {
	var out []string
	for _, d := range dirs {
		out = append(out, d.Name())
	}
	return out
}
