package maildir_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreate(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	root := filepath.Join(base, "vmail", "example.com", "bob")
	m, err := maildir.New(root, maildir.Options{})
	require.NoError(t, err)
	require.NoError(t, m.Create())
	require.NoError(t, m.Create(), "idempotent")
	for _, p := range []string{"vmail", "vmail/example.com", "vmail/example.com/bob", "vmail/example.com/bob/tmp",
		"vmail/example.com/bob/new", "vmail/example.com/bob/cur"} {
		fi, err := os.Lstat(filepath.Join(base, p))
		require.NoError(t, err)
		assert.Equal(t, fs.ModeDir|0o700, fi.Mode(), p)
	}
	assert.NoFileExists(t, filepath.Join(root, "maildirfolder"), "the INBOX is no folder")
}

// TestCreate_race: deliveries for a new user race to create the maildir.
func TestCreate_race(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "example.com", "bob")
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			m, err := maildir.New(root, maildir.Options{})
			if !assert.NoError(t, err) {
				return
			}
			assert.NoError(t, m.Create())
			_, err = m.Inbox().Deliver(t.Context(), strings.NewReader("x"), maildir.DeliverOptions{})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Len(t, entries(t, root, "new"), 16)
}

func TestCreate_refuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, root string)
		want  error
	}{
		{"tmp is a symlink", func(t *testing.T, root string) {
			require.NoError(t, os.MkdirAll(root, 0o700))
			require.NoError(t, os.Symlink(t.TempDir(), filepath.Join(root, "tmp")))
		}, maildir.ErrSymlink},
		{"new is a file", func(t *testing.T, root string) {
			require.NoError(t, os.MkdirAll(root, 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(root, "new"), nil, 0o600))
		}, maildir.ErrNotDir},
		{"root is a file", func(t *testing.T, root string) {
			require.NoError(t, os.MkdirAll(filepath.Dir(root), 0o700))
			require.NoError(t, os.WriteFile(root, nil, 0o600))
		}, maildir.ErrNotDir},
		{"parent is a file", func(t *testing.T, root string) {
			require.NoError(t, os.WriteFile(filepath.Dir(root), nil, 0o600))
		}, maildir.ErrNotDir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := filepath.Join(t.TempDir(), "example.com", "bob")
			tt.setup(t, root)
			m, err := maildir.New(root, maildir.Options{})
			require.NoError(t, err)
			require.ErrorIs(t, m.Create(), tt.want)
		})
	}
}
