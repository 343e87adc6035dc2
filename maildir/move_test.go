package maildir_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMove(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{})
	msg, err := m.Inbox().Deliver(t.Context(), strings.NewReader("hello\n"), maildir.DeliverOptions{})
	require.NoError(t, err)
	newRoot := filepath.Join(t.TempDir(), "example.net", "robert")

	require.NoError(t, maildir.Move(m.Root(), newRoot))
	assert.NoDirExists(t, m.Root())
	b, err := os.ReadFile(filepath.Join(newRoot, "new", msg.Key))
	require.NoError(t, err)
	assert.Equal(t, "hello\n", string(b))
}

func TestMove_refusesToOverwrite(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		target func(t *testing.T) string
	}{
		{"existing maildir", func(t *testing.T) string { return newMaildir(t, maildir.Options{}).Root() }},
		{"empty directory", func(t *testing.T) string { return t.TempDir() }},
		{"file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "f")
			require.NoError(t, os.WriteFile(p, nil, 0o600))
			return p
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newMaildir(t, maildir.Options{})
			target := tt.target(t)
			err := maildir.Move(m.Root(), target)
			require.ErrorIs(t, err, fs.ErrExist)
			assert.DirExists(t, filepath.Join(m.Root(), "new"))
		})
	}
}

func TestMove_errors(t *testing.T) {
	t.Parallel()
	err := maildir.Move(filepath.Join(t.TempDir(), "missing"), filepath.Join(t.TempDir(), "x"))
	require.ErrorIs(t, err, fs.ErrNotExist)

	mnt := mountTmpfs(t, "1m")
	m := newMaildir(t, maildir.Options{})
	err = maildir.Move(m.Root(), filepath.Join(mnt, "bob"))
	require.ErrorIs(t, err, syscall.EXDEV)
	assert.DirExists(t, m.Root())
}
