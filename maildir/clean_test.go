package maildir_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCleanTmp(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{})
	junk, err := m.CreateFolder("Junk")
	require.NoError(t, err)
	now := time.Now()
	files := []struct {
		dir, name string
		age       time.Duration
		kept      bool
	}{
		{m.Root(), "stale", 37 * time.Hour, false},
		{m.Root(), "fresh", 35 * time.Hour, true},
		{junk.Path(), "stale", 40 * 24 * time.Hour, false},
		{junk.Path(), "new", 0, true},
	}
	for _, f := range files {
		p := filepath.Join(f.dir, "tmp", f.name)
		require.NoError(t, os.WriteFile(p, []byte("partial"), 0o600))
		require.NoError(t, os.Chtimes(p, now.Add(-f.age), now.Add(-f.age)))
	}
	// An old file in new/ is a message, never touched.
	old := filepath.Join(m.Root(), "new", "1.M1P1.h")
	require.NoError(t, os.WriteFile(old, nil, 0o600))
	require.NoError(t, os.Chtimes(old, now.Add(-100*time.Hour), now.Add(-100*time.Hour)))

	removed, err := m.CleanTmp(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 2, removed)
	for _, f := range files {
		p := filepath.Join(f.dir, "tmp", f.name)
		if f.kept {
			assert.FileExists(t, p)
		} else {
			assert.NoFileExists(t, p)
		}
	}
	assert.FileExists(t, old)

	removed, err = m.CleanTmp(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 0, removed)
}

// TestCleanTmp_symlinkedFolder: a folder or tmp/ that is a link to
// somewhere else is not cleaned.
func TestCleanTmp_symlinkedFolder(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{})
	outside := newMaildir(t, maildir.Options{})
	p := filepath.Join(outside.Root(), "tmp", "precious")
	require.NoError(t, os.WriteFile(p, nil, 0o600))
	old := time.Now().Add(-48 * time.Hour)
	require.NoError(t, os.Chtimes(p, old, old))
	require.NoError(t, os.Symlink(outside.Root(), filepath.Join(m.Root(), ".Evil")))

	removed, err := m.CleanTmp(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 0, removed)
	assert.FileExists(t, p)
}

// TestCleanTmp_staleTrash: trash left in tmp/ by an interrupted
// DeleteFolder is removed once it is an hour old; fresh trash is kept.
func TestCleanTmp_staleTrash(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{})
	now := time.Now()
	stale := filepath.Join(m.Root(), "tmp", "letterbox-trash.0001")
	fresh := filepath.Join(m.Root(), "tmp", "letterbox-trash.0002")
	for _, dir := range []string{stale, fresh} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "cur"), 0o700))
	}
	require.NoError(t, os.Chtimes(stale, now.Add(-2*time.Hour), now.Add(-2*time.Hour)))

	_, err := m.CleanTmp(t.Context())
	require.NoError(t, err)
	assert.NoDirExists(t, stale)
	assert.DirExists(t, fresh)
}
