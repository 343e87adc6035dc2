package quota_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/quota"
)

// TestKeeper_sixteenProcesses delivers from 16 processes at once into one
// maildir. Enough lines are appended for maildirsize to pass 5120 bytes, so
// rebuilds race with deliveries; at the end the file must agree with a
// fresh count.
func TestKeeper_sixteenProcesses(t *testing.T) {
	t.Parallel()
	const procs, each = 16, 60
	acct := newAccount(t, quota.Limits{Bytes: 1 << 40})
	exe, err := os.Executable()
	require.NoError(t, err)
	cmds := make([]*exec.Cmd, procs)
	for i := range cmds {
		cmd := exec.CommandContext(t.Context(), exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%d", childEnv, acct.Maildir.Root(), each, i))
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())
		cmds[i] = cmd
	}
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait())
	}
	ents, err := os.ReadDir(filepath.Join(acct.Maildir.Root(), "new"))
	require.NoError(t, err)
	require.Len(t, ents, procs*each)

	_, sum := sumSizeFile(t, sizeFile(t, acct))
	k := newKeeper(t, quota.Options{})
	st, err := k.Recalculate(t.Context(), acct)
	require.NoError(t, err)
	assert.Equal(t, st.Usage, sum)
	assert.Equal(t, int64(procs*each), sum.Messages)
}
