package maildir

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRenameClaimed tests the fallback Move uses where the filesystem
// lacks RENAME_NOREPLACE (NFS).
func TestRenameClaimed(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	src := filepath.Join(base, "src")
	require.NoError(t, os.MkdirAll(filepath.Join(src, "new"), 0o700))

	taken := filepath.Join(base, "taken")
	require.NoError(t, os.Mkdir(taken, 0o700))
	require.ErrorIs(t, renameClaimed(src, taken), fs.ErrExist)
	assert.DirExists(t, filepath.Join(src, "new"))

	dst := filepath.Join(base, "dst")
	require.NoError(t, renameClaimed(src, dst))
	assert.DirExists(t, filepath.Join(dst, "new"))
	assert.NoDirExists(t, src)
}
