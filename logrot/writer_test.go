package logrot

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is the clock seam: time stands still until advanced.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 21, 7, 43, 21, 123456789, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openTest opens a Writer on a fresh path with a fake clock and an error log
// the test can read.
func openTest(t *testing.T, opts Options) (*Writer, *fakeClock, *syncBuffer) {
	t.Helper()
	clock := newFakeClock()
	errs := &syncBuffer{}
	if opts.ErrorLog == nil {
		opts.ErrorLog = errs
	}
	w, err := open(filepath.Join(t.TempDir(), "log", "deliver.log"), opts, clock.now)
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return w, clock, errs
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func write(t *testing.T, w *Writer, s string) {
	t.Helper()
	n, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.Equal(t, len(s), n)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

// rotatedNames lists the rotated files of w, oldest first.
func rotatedNames(t *testing.T, w *Writer) []string {
	t.Helper()
	list, err := listRotated(w.dir, w.base)
	require.NoError(t, err)
	var names []string
	for _, r := range list {
		for _, k := range []Kind{Plain, Gzip, GzipTemp} {
			name := RotatedName(w.base, r.t, k)
			if _, err := os.Stat(filepath.Join(w.dir, name)); err == nil {
				names = append(names, name)
			}
		}
	}
	return names
}

func TestOpen_invalidOptions(t *testing.T) {
	t.Parallel()
	tests := map[string]Options{
		"negative max":   {MaxBytes: -1},
		"negative keep":  {Keep: -1},
		"execute bit":    {Mode: 0o750},
		"setuid":         {Mode: 0o4640},
		"bad timestamp":  {Timestamp: 7},
		"negative lock":  {LockTimeout: -time.Second},
		"negative stamp": {Timestamp: -1},
	}
	for name, opts := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Open(filepath.Join(t.TempDir(), "x.log"), opts)
			require.ErrorIs(t, err, ErrInvalidOptions)
		})
	}
	_, err := Open("", Options{})
	require.ErrorIs(t, err, ErrInvalidOptions)
}

func TestOptions_defaults(t *testing.T) {
	t.Parallel()
	o, err := Options{}.normalize()
	require.NoError(t, err)
	assert.Equal(t, DefaultMaxBytes, o.MaxBytes)
	assert.Equal(t, DefaultKeep, o.Keep)
	assert.Equal(t, DefaultMode, o.Mode)
	assert.Equal(t, DefaultLockTimeout, o.LockTimeout)
	assert.Equal(t, os.Stderr, o.ErrorLog)
	assert.Equal(t, os.FileMode(0o750), o.dirMode())
}

func TestWrite_records(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		stamp Timestamp
		in    []string
		want  string
	}{
		{"plain", NoTimestamp, []string{"a\n", "b\n"}, "a\nb\n"},
		{"newline added", NoTimestamp, []string{"a", "b\n", ""}, "a\nb\n"},
		{"rfc3339", RFC3339, []string{"a\n"}, "2026-11-21T07:43:21.123456Z a\n"},
		{"tai64n", TAI64N, []string{"a"}, "@400000006b014ba3075bcd15 a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, _, errs := openTest(t, Options{Timestamp: tt.stamp})
			for _, s := range tt.in {
				write(t, w, s)
			}
			assert.Equal(t, tt.want, readFile(t, w.Path()))
			assert.Empty(t, errs.String())
			info, err := os.Stat(w.Path())
			require.NoError(t, err)
			assert.Equal(t, DefaultMode, info.Mode().Perm())
		})
	}
}

func TestWrite_rotatesAtMax(t *testing.T) {
	t.Parallel()
	w, clock, _ := openTest(t, Options{MaxBytes: 10, Keep: 2})
	for _, s := range []string{"aaaa\n", "bbbb\n", "cccc\n", "dddd\n", "eeee\n", "ffff\n", "gggg\n"} {
		write(t, w, s)
		clock.advance(time.Second)
	}
	names := rotatedNames(t, w)
	require.Len(t, names, 2)
	assert.Equal(t, "cccc\ndddd\n", readFile(t, filepath.Join(w.dir, names[0])))
	assert.Equal(t, "eeee\nffff\n", readFile(t, filepath.Join(w.dir, names[1])))
	assert.Equal(t, "gggg\n", readFile(t, w.Path()))
	info, err := os.Stat(filepath.Join(w.dir, names[0]))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o740), info.Mode().Perm(), "rotated files are sealed")
}

// TestWrite_oversize: a record longer than MaxBytes goes whole into a file
// of its own, and the byte budget prunes it rather than exceed the cap.
func TestWrite_oversize(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{MaxBytes: 10, Keep: 3})
	big := string(bytes.Repeat([]byte("x"), 25)) + "\n"
	write(t, w, "aaaa\n")
	write(t, w, big)
	assert.Equal(t, big, readFile(t, w.Path()))
	write(t, w, "bbbb\n")
	names := rotatedNames(t, w)
	require.Len(t, names, 1, "the 26-byte file and the 5-byte one are over the 30-byte budget")
	assert.Equal(t, big, readFile(t, filepath.Join(w.dir, names[0])), "the newest is kept")

	w2, _, _ := openTest(t, Options{MaxBytes: 10, Keep: 3})
	write(t, w2, big+big)
	write(t, w2, "cccc\n")
	assert.Empty(t, rotatedNames(t, w2), "a record over Keep × MaxBytes is not kept once rotated")
	assert.Equal(t, "cccc\n", readFile(t, w2.Path()))
}

// TestRotate_clockBack: rotated names keep rotation order when the clock
// steps back.
func TestRotate_clockBack(t *testing.T) {
	t.Parallel()
	w, clock, _ := openTest(t, Options{Keep: 5})
	for i, s := range []string{"1\n", "2\n", "3\n"} {
		write(t, w, s)
		require.NoError(t, w.Rotate())
		if i == 0 {
			clock.advance(-time.Hour)
		}
	}
	names := rotatedNames(t, w)
	require.Len(t, names, 3)
	for i, want := range []string{"1\n", "2\n", "3\n"} {
		assert.Equal(t, want, readFile(t, filepath.Join(w.dir, names[i])))
	}
	require.NoError(t, w.Rotate(), "an empty file is not rotated")
	assert.Len(t, rotatedNames(t, w), 3)
}

// TestWrite_staleDescriptor: a writer whose file was rotated by another
// writer reopens instead of appending to the rotated file.
func TestWrite_staleDescriptor(t *testing.T) {
	t.Parallel()
	a, _, _ := openTest(t, Options{MaxBytes: 1 << 20, Keep: 5})
	b, err := open(a.Path(), a.opts, a.clock)
	require.NoError(t, err)
	defer b.Close()
	write(t, a, "a1\n")
	write(t, b, "b1\n")
	require.NoError(t, a.Rotate())
	write(t, b, "b2\n")
	write(t, a, "a2\n")
	names := rotatedNames(t, a)
	require.Len(t, names, 1)
	assert.Equal(t, "a1\nb1\n", readFile(t, filepath.Join(a.dir, names[0])))
	assert.Equal(t, "b2\na2\n", readFile(t, a.Path()))
}

// TestWrite_sealedCurrent: a rotation that stopped after sealing the current
// file (a crash) is finished by the next writer.
func TestWrite_sealedCurrent(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{})
	require.NoError(t, os.MkdirAll(w.dir, 0o750))
	require.NoError(t, os.WriteFile(w.Path(), []byte("old\n"), 0o740))
	write(t, w, "new\n")
	names := rotatedNames(t, w)
	require.Len(t, names, 1)
	assert.Equal(t, "old\n", readFile(t, filepath.Join(w.dir, names[0])))
	assert.Equal(t, "new\n", readFile(t, w.Path()))
}

func TestWrite_closed(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{})
	write(t, w, "x\n")
	require.NoError(t, w.Close())
	require.NoError(t, w.Close())
	_, err := w.Write([]byte("y\n"))
	require.ErrorIs(t, err, ErrClosed)
	require.ErrorIs(t, w.Rotate(), ErrClosed)
}

// TestWrite_goroutines: concurrent writers and rotations in one process.
func TestWrite_goroutines(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{MaxBytes: 4 << 10, Keep: 1000})
	const writers, records = 4, 2000
	var wg sync.WaitGroup
	for id := range writers {
		wg.Go(func() {
			var rec []byte
			for seq := range records {
				rec = appendRecordLine(rec[:0], id, seq)
				w.Write(rec)
				if seq%500 == 0 {
					w.Rotate()
				}
			}
		})
	}
	wg.Wait()
	for id, s := range checkRecords(t, readLog(t, w.Path()), writers) {
		require.Len(t, s, records, "writer %d", id)
		assert.NotContains(t, s, false, "writer %d", id)
	}
}
