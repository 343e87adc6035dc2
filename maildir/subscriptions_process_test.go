package maildir

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// subscribeHelperEnv makes TestSubscribeHelperProcess, run in a child
// process, subscribe folders: "ROOT\tINDEX".
const subscribeHelperEnv = "LETTERBOX_TEST_SUBSCRIBE_HELPER"

const (
	subscribeProcesses  = 16
	subscribePerProcess = 4
)

// TestSubscribeHelperProcess is not a test: TestMaildir_Subscribe_processes
// runs the test binary with only this test and subscribeHelperEnv set.
// It waits for its stdin to close, so that all children start together,
// then subscribes its folders and a shared one.
func TestSubscribeHelperProcess(t *testing.T) {
	arg := os.Getenv(subscribeHelperEnv)
	if arg == "" {
		t.Skip("helper process for TestMaildir_Subscribe_processes")
	}
	root, idx, _ := strings.Cut(arg, "\t")
	m, err := New(root, Options{Hostname: "h"})
	require.NoError(t, err)
	_, err = io.Copy(io.Discard, os.Stdin)
	require.NoError(t, err)
	for j := range subscribePerProcess {
		require.NoError(t, m.Subscribe(fmt.Sprintf("P%s/F%d", idx, j)))
		require.NoError(t, m.Subscribe("Shared"))
	}
}

func TestMaildir_Subscribe_processes(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	require.NoError(t, m.Create())
	dovecot := filepath.Join(m.Root(), dovecotSubsFile)
	courier := filepath.Join(m.Root(), courierSubsFile)
	require.NoError(t, os.WriteFile(dovecot, []byte("Junk\n"), 0o600)) // version 1
	require.NoError(t, os.WriteFile(courier, []byte("#unknown\nINBOX.Junk\n"), 0o600))

	cmds := make([]*exec.Cmd, subscribeProcesses)
	starts := make([]io.WriteCloser, subscribeProcesses)
	outs := make([]bytes.Buffer, subscribeProcesses)
	for i := range cmds {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestSubscribeHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s\t%d", subscribeHelperEnv, m.Root(), i))
		var err error
		starts[i], err = cmd.StdinPipe()
		require.NoError(t, err)
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		require.NoError(t, cmd.Start())
		cmds[i] = cmd
	}
	for _, s := range starts {
		require.NoError(t, s.Close())
	}
	for i, c := range cmds {
		require.NoError(t, c.Wait(), "child %d:\n%s", i, &outs[i])
	}

	wantDovecot := []string{"Junk", "Shared"}
	wantCourier := []string{"#unknown", "INBOX.Junk", "INBOX.Shared"}
	for i := range subscribeProcesses {
		for j := range subscribePerProcess {
			wantDovecot = append(wantDovecot, fmt.Sprintf("P%d/F%d", i, j))
			wantCourier = append(wantCourier, fmt.Sprintf("INBOX.P%d.F%d", i, j))
		}
	}
	assertLines(t, wantDovecot, readFile(t, dovecot))
	assertLines(t, wantCourier, readFile(t, courier))
	assert.True(t, strings.HasPrefix(readFile(t, dovecot), "Junk\n"), "version 1 is kept")
	assert.True(t, strings.HasPrefix(readFile(t, courier), "#unknown\nINBOX.Junk\n"), "existing lines stay first")
}

// assertLines checks that content has exactly the lines of want, in any order.
func assertLines(t *testing.T, want []string, content string) {
	t.Helper()
	got := strings.Split(strings.TrimSuffix(content, "\n"), "\n")
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	assert.Equal(t, want, got)
}
