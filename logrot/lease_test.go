package logrot

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// childSpin writes numbered records until it is killed, and prints "ready"
// once it has written c.N of them.
func childSpin(c childConfig) error {
	w, err := Open(c.Path, Options{MaxBytes: c.Max, Keep: c.Keep, LockTimeout: time.Minute})
	if err != nil {
		return err
	}
	var rec []byte
	for seq := 0; ; seq++ {
		rec = appendRecordLine(rec[:0], c.ID, seq)
		w.Write(rec)
		if seq+1 == c.N {
			if _, err := fmt.Println("ready"); err != nil {
				return err
			}
		}
	}
}

// TestProcesses_holderKilled: a process killed (SIGKILL) while it holds the
// rotation lock, in the middle of a stream of records, does not stop the
// other writers: they go on within LockTimeout, and the log holds the dead
// writer's records up to its death, each complete, then the others'.
func TestProcesses_holderKilled(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "deliver.log")
	cfg, err := json.Marshal(childConfig{Mode: "spin", Path: path, ID: 0, N: 1000, Max: 16 << 10, Keep: 100_000})
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(cfg))
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() }) // if the test stops early
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "ready\n", line)

	awaitLockHeld(t, path+".lock")
	require.NoError(t, cmd.Process.Kill())

	const records = 2000
	w, err := Open(path, Options{MaxBytes: 16 << 10, Keep: 100_000, LockTimeout: 5 * time.Second})
	require.NoError(t, err)
	var rec []byte
	for seq := range records {
		rec = appendRecordLine(rec[:0], 1, seq)
		w.Write(rec)
	}
	assert.Zero(t, w.Dropped(), "records dropped after the holder died")
	require.NoError(t, w.Close())
	var exit *exec.ExitError
	require.ErrorAs(t, cmd.Wait(), &exit)

	seen := checkRecords(t, readLog(t, path), 2)
	assert.GreaterOrEqual(t, len(seen[0]), 1000, "the dead writer's records")
	assert.NotContains(t, seen[0], false, "the dead writer's records")
	require.Len(t, seen[1], records)
	assert.NotContains(t, seen[1], false)
}

// awaitLockHeld waits until someone holds the flock on path (the spinning
// child keeps it as a lease while it writes), so that the kill hits a
// holder. It gives up after a while: the test then still checks that the
// others go on.
func awaitLockHeld(t *testing.T, path string) {
	t.Helper()
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_CLOEXEC, 0)
	require.NoError(t, err)
	defer unix.Close(fd)
	for range 10_000 {
		err := flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if errors.Is(err, unix.EWOULDBLOCK) {
			return
		}
		require.NoError(t, err)
		require.NoError(t, flock(fd, unix.LOCK_UN))
	}
	t.Log("the lock was never seen held")
}

// TestLease_sharedWithWaiters: two Writers of one log in one process (two
// lock descriptors), both writing all the time, take turns with the lock:
// the holder's lease ends when the other waits, nothing is dropped, and
// each record is there once.
func TestLease_sharedWithWaiters(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "deliver.log")
	const writers, records = 2, 5000
	var wg sync.WaitGroup
	for id := range writers {
		w, err := Open(path, Options{MaxBytes: 8 << 10, Keep: 100_000})
		require.NoError(t, err)
		wg.Go(func() {
			var rec []byte
			for seq := range records {
				rec = appendRecordLine(rec[:0], id, seq)
				w.Write(rec)
			}
			assert.Zero(t, w.Dropped(), "writer %d", id)
			assert.NoError(t, w.Close())
		})
	}
	wg.Wait()
	for id, s := range checkRecords(t, readLog(t, path), writers) {
		require.Len(t, s, records, "writer %d", id)
		assert.NotContains(t, s, false, "writer %d", id)
	}
}

// TestLease_idleReleased: a Writer that stops writing lets go of the lock
// by itself, so another locker gets it without any Write or Close.
func TestLease_idleReleased(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{})
	write(t, w, "held\n")
	fd, err := unix.Open(w.lock.path, unix.O_RDWR|unix.O_CLOEXEC, 0)
	require.NoError(t, err)
	defer unix.Close(fd)
	require.NoError(t, flock(fd, unix.LOCK_EX)) // returns once the lease expires
	require.NoError(t, flock(fd, unix.LOCK_UN))
	write(t, w, "again\n")
	assert.Equal(t, "held\nagain\n", readFile(t, w.Path()))
}
