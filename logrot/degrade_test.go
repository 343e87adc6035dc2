package logrot

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// e2eRequired reports whether skipping a test that needs root is a failure.
func e2eRequired() bool { return os.Getenv("E2E_REQUIRED") != "" }

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if e2eRequired() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// TestWrite_lockTimeout: a lock held elsewhere delays a Write by at most
// LockTimeout; the record is dropped and reported, later ones are dropped
// without waiting, and logging resumes once the lock is free.
func TestWrite_lockTimeout(t *testing.T) {
	t.Parallel()
	w, clock, errs := openTest(t, Options{LockTimeout: 50 * time.Millisecond})
	write(t, w, "before\n")
	fd, err := unix.Open(w.lock.path, unix.O_RDWR|unix.O_CLOEXEC, 0)
	require.NoError(t, err)
	defer unix.Close(fd)
	require.NoError(t, flock(fd, unix.LOCK_EX))

	start := time.Now()
	write(t, w, "lost 1\n")
	write(t, w, "lost 2\n")
	assert.Less(t, time.Since(start), 10*time.Second, "Write must not block for long")
	assert.Equal(t, uint64(2), w.Dropped())
	assert.Contains(t, errs.String(), "lock wait timed out")

	require.NoError(t, flock(fd, unix.LOCK_UN))
	clock.advance(2 * retryInterval)
	write(t, w, "after\n")
	assert.Equal(t, "before\nafter\n", readFile(t, w.Path()))
	assert.Contains(t, errs.String(), "writing again; 2 log records dropped")
	assert.Equal(t, 2, strings.Count(errs.String(), "\n"), errs.String())
}

// TestWrite_diskFull: on a full file system (a small tmpfs) records are
// dropped whole, one line is reported, and writing resumes when space is
// freed.
func TestWrite_diskFull(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mountTmpfs(t, dir, 128<<10)
	filler := filepath.Join(dir, "filler")
	require.NoError(t, os.WriteFile(filler, make([]byte, 112<<10), 0o600))

	clock := newFakeClock()
	errs := &syncBuffer{}
	w, err := open(filepath.Join(dir, "deliver.log"), Options{MaxBytes: 64 << 10, ErrorLog: errs}, clock.now)
	require.NoError(t, err)
	defer w.Close()
	var rec []byte
	for seq := range 1000 {
		rec = appendRecordLine(rec[:0], 0, seq)
		n, err := w.Write(rec)
		require.NoError(t, err)
		require.Equal(t, len(rec), n)
		clock.advance(2 * retryInterval) // every record tries the disk
	}
	dropped := w.Dropped()
	assert.Positive(t, dropped)
	// one line when a failure begins, one when it ends
	out := errs.String()
	assert.Equal(t, strings.Count(out, "writing again")+1, strings.Count(out, "no space left on device"), out)
	checkRecords(t, readLog(t, w.Path()), 1) // no torn record

	require.NoError(t, os.Remove(filler))
	write(t, w, "after\n")
	assert.Contains(t, errs.String(), "writing again")
	assert.Equal(t, dropped, w.Dropped())
	assert.True(t, strings.HasSuffix(readFile(t, w.Path()), "\nafter\n"))
}

// mountTmpfs mounts a tmpfs of size bytes on dir until the test ends.
func mountTmpfs(t *testing.T, dir string, size int) {
	t.Helper()
	if os.Geteuid() != 0 {
		skipOrFail(t, "mounting a tmpfs needs root")
	}
	opts := "size=" + itoa(size) + ",mode=0755"
	if err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, opts); err != nil {
		skipOrFail(t, "mount tmpfs: %v", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
}

func itoa(n int) string { return string(appendPadded(nil, n, 0)) }

// TestWrite_permissionDenied: a log the process may not write is dropped
// and reported once, and writing resumes when permissions allow.
func TestWrite_permissionDenied(t *testing.T) {
	t.Parallel()
	w, clock, errs := openTest(t, Options{})
	parent := filepath.Dir(w.dir) // 0700, owned by the test user
	asOtherUser(t, parent, func() {
		write(t, w, "denied 1\n")
		write(t, w, "denied 2\n")
	})
	assert.Equal(t, uint64(2), w.Dropped())
	assert.Contains(t, errs.String(), "permission denied")
	assert.Equal(t, 1, strings.Count(errs.String(), "\n"), errs.String())

	clock.advance(2 * retryInterval)
	write(t, w, "allowed\n")
	assert.Equal(t, "allowed\n", readFile(t, w.Path()))
	assert.Contains(t, errs.String(), "writing again; 2 log records dropped")
}

// asOtherUser runs fn so that the file system refuses access below dir: as
// root by switching this thread's file-system uid to nobody (which also
// drops CAP_DAC_OVERRIDE for the thread only), otherwise by removing the
// permissions of dir.
func asOtherUser(t *testing.T, dir string, fn func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		require.NoError(t, os.Chmod(dir, 0o500))
		defer os.Chmod(dir, 0o700)
		fn()
		return
	}
	runtime.LockOSThread()
	unix.Setfsgid(65534)
	unix.Setfsuid(65534)
	defer func() {
		unix.Setfsuid(0)
		unix.Setfsgid(0)
		if prev, _ := unix.SetfsuidRetUid(0); prev == 0 { // back to root
			runtime.UnlockOSThread()
		} // otherwise the thread dies with the goroutine
	}()
	fn()
}

// TestWrite_vanishedDirectory: a removed log directory is recreated, and a
// path that cannot be recreated degrades until it can.
func TestWrite_vanishedDirectory(t *testing.T) {
	t.Parallel()
	w, clock, errs := openTest(t, Options{})
	write(t, w, "a\n")
	require.NoError(t, os.RemoveAll(w.dir))
	write(t, w, "b\n")
	assert.Equal(t, "b\n", readFile(t, w.Path()))
	assert.Empty(t, errs.String())

	require.NoError(t, os.RemoveAll(w.dir))
	require.NoError(t, os.WriteFile(w.dir, nil, 0o600)) // a file where the directory was
	write(t, w, "c\n")
	assert.Equal(t, uint64(1), w.Dropped())
	assert.Contains(t, errs.String(), "not a directory")

	require.NoError(t, os.Remove(w.dir))
	clock.advance(2 * retryInterval)
	write(t, w, "d\n")
	assert.Equal(t, "d\n", readFile(t, w.Path()))
	assert.Contains(t, errs.String(), "writing again; 1 log records dropped")
}

// TestWrite_rotationRefused: when the directory refuses the rename, the full
// file is not written past MaxBytes; records are dropped and reported.
func TestWrite_rotationRefused(t *testing.T) {
	t.Parallel()
	w, _, errs := openTest(t, Options{MaxBytes: 10, Mode: 0o666}) // writable, but the directory is not
	for dir := filepath.Dir(w.dir); dir != os.TempDir(); dir = filepath.Dir(dir) {
		require.NoError(t, os.Chmod(dir, 0o755)) // searchable by the other user
	}
	write(t, w, "aaaa\n")
	asOtherUser(t, w.dir, func() {
		write(t, w, "bbbb\n")
		write(t, w, "cccc\n")
	})
	assert.Equal(t, "aaaa\nbbbb\n", readFile(t, w.Path()))
	assert.Equal(t, uint64(1), w.Dropped())
	assert.Contains(t, errs.String(), "rename")
	assert.Contains(t, errs.String(), "permission denied")
	assert.Empty(t, rotatedNames(t, w))
	info, err := os.Stat(w.Path())
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o666), info.Mode().Perm(), "not left sealed")
}
