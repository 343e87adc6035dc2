package maildir_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Environment of a child process started by startChild.
const (
	envChild = "LETTERBOX_MAILDIR_CHILD" // "count" or "forever"
	envRoot  = "LETTERBOX_MAILDIR_ROOT"
	envCount = "LETTERBOX_MAILDIR_COUNT"
)

// TestHelperProcess is not a test: it is the body of the child processes
// the multi-process tests start by re-executing the test binary, as the
// os/exec tests do. Without the environment variable it does nothing.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envChild)
	if mode == "" {
		return
	}
	os.Exit(childMain(mode, os.Getenv(envRoot), os.Getenv(envCount)))
}

// childMain delivers generated messages into the maildir at root: count
// of them, or (mode "forever") until killed. It prints "ready" first.
func childMain(mode, root, count string) int {
	m, err := maildir.New(root, maildir.Options{Hostname: "child"})
	if err == nil {
		err = m.Create()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ready")
	n, _ := strconv.Atoi(count)
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	for i := 0; mode == "forever" || i < n; i++ {
		size := 100 + rng.IntN(2000)
		flags := ""
		if mode == "forever" {
			size = rng.IntN(256 << 10)
			flags = []string{"", "S"}[i%2]
		}
		msg := testMessage(rng.Uint64(), size)
		r := &slowReader{r: bytes.NewReader(msg), chunk: 4096}
		if _, err := m.Inbox().Deliver(context.Background(), r, maildir.DeliverOptions{Flags: flags}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// slowReader returns at most chunk bytes per Read, so that a delivery
// spans many writes.
type slowReader struct {
	r     io.Reader
	chunk int
}

func (s *slowReader) Read(p []byte) (int, error) {
	return s.r.Read(p[:min(len(p), s.chunk)])
}

// testMessage makes a message of at least size bytes that checkMessage can
// verify from its bytes alone.
func testMessage(seed uint64, size int) []byte {
	head := fmt.Sprintf("X-Seed: %016x\nX-Size: %08d\n\n", seed, size)
	b := make([]byte, len(head), len(head)+size)
	copy(b, head)
	rng := rand.New(rand.NewPCG(seed, seed))
	for len(b) < cap(b) {
		for x := rng.Uint64(); x != 0 && len(b) < cap(b); x >>= 5 {
			c := byte('a' + x&31)
			if c > 'z' {
				c = '\n'
			}
			b = append(b, c)
		}
	}
	return b
}

// checkMessage reports whether b is a complete message from testMessage.
func checkMessage(b []byte) bool {
	var seed uint64
	var size int
	if _, err := fmt.Sscanf(string(b[:min(len(b), 64)]), "X-Seed: %x\nX-Size: %d\n", &seed, &size); err != nil {
		return false
	}
	return bytes.Equal(testMessage(seed, size), b)
}

// startChild re-executes the test binary as a child delivering into root.
func startChild(t *testing.T, mode, root string, count int) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envRoot+"="+root, envCount+"="+strconv.Itoa(count))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	return cmd, bufio.NewReader(out)
}

// checkDelivered asserts that every file in new/ and cur/ is complete and
// carries its size in its name, and returns how many there are.
func checkDelivered(t *testing.T, root string) int {
	t.Helper()
	total := 0
	for _, sub := range []string{"new", "cur"} {
		for _, name := range entries(t, root, sub) {
			b, err := os.ReadFile(filepath.Join(root, sub, name))
			require.NoError(t, err)
			assert.True(t, checkMessage(b), "incomplete message %s/%s (%d bytes)", sub, name, len(b))
			n, err := maildir.ParseName(name)
			require.NoError(t, err)
			assert.Equal(t, int64(len(b)), n.Size, name)
			total++
		}
	}
	return total
}

func TestDeliver_processes(t *testing.T) {
	t.Parallel()
	const procs, each = 8, 60
	root := filepath.Join(t.TempDir(), "example.org", "bob")
	var wg sync.WaitGroup
	for range procs {
		cmd, _ := startChild(t, "count", root, each)
		wg.Go(func() { assert.NoError(t, cmd.Wait()) })
	}
	wg.Wait()
	assert.Equal(t, procs*each, checkDelivered(t, root))
	assert.Empty(t, entries(t, root, "tmp"))
}

// TestDeliver_sigkill kills children at random points while they deliver:
// new/ and cur/ must only ever hold complete messages.
func TestDeliver_sigkill(t *testing.T) {
	t.Parallel()
	const iterations, workers = 100, 4
	root := t.TempDir()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			for range iterations / workers {
				cmd, out := startChild(t, "forever", root, 0)
				if _, err := out.ReadString('\n'); !assert.NoError(t, err) {
					return
				}
				time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond) // the random kill point
				assert.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
				assert.Error(t, cmd.Wait())
			}
		})
	}
	wg.Wait()
	delivered := checkDelivered(t, root)
	t.Logf("%d messages delivered, %d temporary files left by killed deliveries", delivered, len(entries(t, root, "tmp")))
}
