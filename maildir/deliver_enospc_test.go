package maildir_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// mountTmpfs mounts a tmpfs of the given size (e.g. "1m") on a new
// directory and unmounts it when the test ends. It skips the test when
// not root, unless E2E_REQUIRED=1.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	skip := t.Skipf
	if os.Getenv("E2E_REQUIRED") == "1" {
		skip = t.Fatalf
	}
	if os.Geteuid() != 0 {
		skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "size="+size+",mode=0700"); err != nil {
		skip("mount tmpfs: %v", err)
	}
	t.Cleanup(func() { assert.NoError(t, unix.Unmount(dir, unix.MNT_DETACH)) })
	return dir
}

// TestDeliver_ENOSPC delivers into a full filesystem: the error is
// recognisable as ENOSPC and no partial file is left anywhere.
func TestDeliver_ENOSPC(t *testing.T) {
	t.Parallel()
	mnt := mountTmpfs(t, "1m")
	m, err := maildir.New(filepath.Join(mnt, "example.org", "bob"), maildir.Options{Hostname: "mx1"})
	require.NoError(t, err)
	require.NoError(t, m.Create())

	for _, flags := range []string{"", "S"} {
		_, err = m.Inbox().Deliver(t.Context(), &patternReader{n: 4 << 20}, maildir.DeliverOptions{Flags: flags})
		require.ErrorIs(t, err, syscall.ENOSPC)
		assertNothingLeft(t, m.Root())
	}

	// The filesystem is usable again afterwards: nothing was leaked.
	msg, err := m.Inbox().Deliver(t.Context(), &patternReader{n: 512 << 10}, maildir.DeliverOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(512<<10), msg.Size)
}
