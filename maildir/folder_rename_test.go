package maildir

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// setupTree creates folders, subscribes them and puts one file in each.
func setupTree(t *testing.T, m *Maildir, folders ...string) {
	t.Helper()
	for _, n := range folders {
		d, err := m.CreateFolder(n)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(d.Path(), "cur", "1.M1P1.h:2,S"), []byte(n), 0o600))
		require.NoError(t, m.Subscribe(n))
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestMaildir_RenameFolder(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	setupTree(t, m, "Work", "Work/Projects", "Work/Projects/Entwürfe", "Workshop", "Other")

	require.NoError(t, m.RenameFolder("Work", "Archiv/Arbeit"))

	folders, err := m.Folders()
	require.NoError(t, err)
	assert.Equal(t, []string{"Archiv/Arbeit", "Archiv/Arbeit/Projects", "Archiv/Arbeit/Projects/Entwürfe", "Other", "Workshop"}, names(folders))
	assert.Equal(t, "Work/Projects/Entwürfe",
		readFile(t, filepath.Join(m.Root(), ".Archiv.Arbeit.Projects.Entw&APw-rfe", "cur", "1.M1P1.h:2,S")))
	assert.Equal(t, "V\t2\n\nArchiv\tArbeit\nArchiv\tArbeit\tProjects\nArchiv\tArbeit\tProjects\tEntw&APw-rfe\nWorkshop\nOther\n",
		readFile(t, filepath.Join(m.Root(), dovecotSubsFile)))
	assert.Equal(t, "INBOX.Archiv.Arbeit\nINBOX.Archiv.Arbeit.Projects\nINBOX.Archiv.Arbeit.Projects.Entw&APw-rfe\nINBOX.Workshop\nINBOX.Other\n",
		readFile(t, filepath.Join(m.Root(), courierSubsFile)))
}

func TestMaildir_RenameFolder_refused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		test, from, to string
		want           error
	}{
		{"target exists", "Work", "Other", ErrFolderExists},
		{"subfolder target exists", "Work", "New", ErrFolderExists}, // New/Projects exists
		{"missing", "Nope", "Nope2", fs.ErrNotExist},
		{"into itself", "Work", "Work/Sub", ErrBadFolderName},
		{"inbox", "INBOX", "Old", ErrBadFolderName},
		{"to inbox", "Work", "INBOX", ErrBadFolderName},
		{"bad name", "Work", "a/../b", ErrBadFolderName},
		{"subfolder too long", "Work", strings.Repeat("x", 120) + "/" + strings.Repeat("y", 125), ErrBadFolderName},
	}
	for _, tt := range tests {
		t.Run(tt.test, func(t *testing.T) {
			t.Parallel()
			m := newTestMaildir(t, Options{})
			setupTree(t, m, "Work", "Work/Projects", "Other", "New/Projects")
			before, err := m.Subscriptions()
			require.NoError(t, err)
			require.ErrorIs(t, m.RenameFolder(tt.from, tt.to), tt.want)
			folders, err := m.Folders()
			require.NoError(t, err)
			assert.Equal(t, []string{"New/Projects", "Other", "Work", "Work/Projects"}, names(folders))
			after, err := m.Subscriptions()
			require.NoError(t, err)
			assert.Equal(t, before, after)
		})
	}
}

func TestMaildir_RenameFolder_subfolderOnly(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{Separator: '.'})
	setupTree(t, m, "A.B", "A.B.C")
	require.NoError(t, m.RenameFolder("A.B", "A"))
	folders, err := m.Folders()
	require.NoError(t, err)
	assert.Equal(t, []string{"A", "A.C"}, names(folders))
	require.NoError(t, m.RenameFolder("A", "A"), "renaming to itself does nothing")
}

func TestMaildir_RenameFolder_symlink(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	setupTree(t, m, "Work")
	require.NoError(t, os.Symlink(t.TempDir(), filepath.Join(m.Root(), ".Work.Link")))
	require.ErrorIs(t, m.RenameFolder("Work", "Job"), ErrSymlink)
	assert.DirExists(t, filepath.Join(m.Root(), ".Work"))
	require.ErrorIs(t, m.DeleteFolder("Work"), ErrSymlink)
	assert.DirExists(t, filepath.Join(m.Root(), ".Work"))
}

func TestMaildir_DeleteFolder(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	setupTree(t, m, "Work", "Work/Projects", "Work/Projects/Old", "Workshop")
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "keep"), []byte("x"), 0o600))
	require.NoError(t, os.Symlink(outside, filepath.Join(m.Root(), ".Work.Projects", "cur", "link")))
	require.NoError(t, m.Subscribe("Work/Gone")) // subscribed, never created

	require.NoError(t, m.DeleteFolder("Work"))

	folders, err := m.Folders()
	require.NoError(t, err)
	assert.Equal(t, []string{"Workshop"}, names(folders))
	subs, err := m.Subscriptions()
	require.NoError(t, err)
	assert.Equal(t, []string{"Workshop"}, subs)
	assert.FileExists(t, filepath.Join(outside, "keep"), "symlinks inside are removed, not followed")
	tmp, err := os.ReadDir(filepath.Join(m.Root(), "tmp"))
	require.NoError(t, err)
	assert.Empty(t, tmp, "no trash left behind")

	require.ErrorIs(t, m.DeleteFolder("Work"), fs.ErrNotExist)
	require.ErrorIs(t, m.DeleteFolder("INBOX"), ErrBadFolderName)
	require.ErrorIs(t, m.DeleteFolder("../x"), ErrBadFolderName)
}

func TestMaildir_DeleteFolder_onlySubfolders(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	setupTree(t, m, "A/B", "A/B/C", "AB")
	require.NoError(t, m.DeleteFolder("A"))
	folders, err := m.Folders()
	require.NoError(t, err)
	assert.Equal(t, []string{"AB"}, names(folders))
}

func TestMaildir_DeleteFolder_removesStaleTrash(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	setupTree(t, m, "Junk")
	stale := filepath.Join(m.Root(), "tmp", trashPrefix+"stale")
	fresh := filepath.Join(m.Root(), "tmp", trashPrefix+"fresh")
	for _, d := range []string{stale, fresh} {
		require.NoError(t, os.MkdirAll(filepath.Join(d, "cur"), 0o700))
	}
	old := time.Now().Add(-2 * trashStale)
	require.NoError(t, os.Chtimes(stale, old, old))
	require.NoError(t, m.DeleteFolder("Junk"))
	assert.NoDirExists(t, stale)
	assert.DirExists(t, fresh, "may belong to a DeleteFolder still running")
}
