package logrot

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// childEnv carries a childConfig to a re-executed test binary.
const childEnv = "LOGROT_TEST_CHILD"

// childConfig tells a child process what to do.
type childConfig struct {
	Mode   string // "write", "plain", "rotate" or "spin"
	Path   string
	ID     int
	N      int // records to write, or most rotations
	Max    int64
	Keep   int
	Stop   string // rotate: stop when this file exists
	PaceUS int    // rotate: pause between rotations
	FSize  uint64 // write: RLIMIT_FSIZE (ulimit -f) in bytes, if not 0
	Gzip   bool   // Options.Compress
}

// childResult is what a child prints on stdout.
type childResult struct {
	Dropped uint64
	Nanos   int64 // time spent in the write loop
}

func TestMain(m *testing.M) {
	if cfg := os.Getenv(childEnv); cfg != "" {
		os.Exit(runChild(cfg))
	}
	os.Exit(m.Run())
}

func runChild(cfg string) int {
	var c childConfig
	if err := json.Unmarshal([]byte(cfg), &c); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var res childResult
	var err error
	switch c.Mode {
	case "write":
		res, err = childWrite(c)
	case "plain":
		res, err = childPlain(c)
	case "rotate":
		err = childRotate(c)
	case "spin":
		err = childSpin(c)
	default:
		err = fmt.Errorf("unknown mode %q", c.Mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	json.NewEncoder(os.Stdout).Encode(res)
	return 0
}

func childWrite(c childConfig) (childResult, error) {
	if c.FSize > 0 {
		lim := unix.Rlimit{Cur: c.FSize, Max: c.FSize}
		if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &lim); err != nil {
			return childResult{}, err
		}
	}
	w, err := Open(c.Path, Options{MaxBytes: c.Max, Keep: c.Keep, Compress: c.Gzip, LockTimeout: time.Minute})
	if err != nil {
		return childResult{}, err
	}
	ns := writeRecords(w, c)
	dropped := w.Dropped()
	return childResult{Dropped: dropped, Nanos: ns}, w.Close()
}

// writeRecords writes the child's c.N record lines to w, ignoring errors
// as a logger does, and returns how many nanoseconds that took.
func writeRecords(w io.Writer, c childConfig) int64 {
	var rec []byte
	start := time.Now()
	for seq := range c.N {
		rec = appendRecordLine(rec[:0], c.ID, seq)
		w.Write(rec)
	}
	return time.Since(start).Nanoseconds()
}

func childPlain(c childConfig) (childResult, error) {
	f, err := os.OpenFile(c.Path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
	if err != nil {
		return childResult{}, err
	}
	ns := writeRecords(f, c)
	return childResult{Nanos: ns}, f.Close()
}

func childRotate(c childConfig) error {
	w, err := Open(c.Path, Options{MaxBytes: c.Max, Keep: c.Keep, LockTimeout: time.Minute})
	if err != nil {
		return err
	}
	for range c.N {
		if _, err := os.Stat(c.Stop); err == nil {
			break
		}
		if err := w.Rotate(); err != nil {
			return err
		}
		time.Sleep(time.Duration(c.PaceUS) * time.Microsecond) // pacing, not synchronisation
	}
	return w.Close()
}

// startChild starts the test binary as a child process doing c.
func startChild(t testing.TB, c childConfig) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cfg, err := json.Marshal(c)
	require.NoError(t, err)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(cfg))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	return cmd, &stdout, &stderr
}

// runChildren runs the children to completion and returns their results.
func runChildren(t testing.TB, cs []childConfig) []childResult {
	type proc struct {
		cmd            *exec.Cmd
		stdout, stderr *bytes.Buffer
	}
	procs := make([]proc, len(cs))
	for i, c := range cs {
		cmd, stdout, stderr := startChild(t, c)
		procs[i] = proc{cmd, stdout, stderr}
	}
	results := make([]childResult, len(cs))
	for i, p := range procs {
		err := p.cmd.Wait()
		require.NoError(t, err, "child %d: %s", i, p.stderr)
		require.Empty(t, p.stderr.String(), "child %d wrote to stderr", i)
		if cs[i].Mode != "rotate" {
			require.NoError(t, json.Unmarshal(p.stdout.Bytes(), &results[i]))
		}
	}
	return results
}

// appendRecordLine appends record seq of writer id: a numbered line whose
// payload length and content follow from (id, seq), so that a reader can
// check it is complete.
func appendRecordLine(b []byte, id, seq int) []byte {
	b = append(b, 'w')
	b = appendPadded(b, id, 2)
	b = append(b, " s"...)
	b = appendPadded(b, seq, 7)
	b = append(b, ' ')
	n := 10 + (seq*7+id*13)%90
	for i := range n {
		b = append(b, byte('a'+(seq+i)%26))
	}
	return append(b, '\n')
}

func appendPadded(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// maxRecordLine is the longest line appendRecordLine makes.
const maxRecordLine = 1 + 2 + 2 + 7 + 1 + 99 + 1

// logFile is one file of a log as read back.
type logFile struct {
	name  string
	size  int64
	lines []string
}

// readLog reads the rotated files of the log at path, oldest first (the
// compressed ones uncompressed), then the current file.
func readLog(t testing.TB, path string) []logFile {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var files []logFile
	for _, e := range entries {
		_, k, perr := ParseRotatedName(base, e.Name())
		if e.Name() != base && (perr != nil || k == GzipTemp) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		if perr == nil && k == Gzip {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			require.NoError(t, err)
			data, err = io.ReadAll(zr)
			require.NoError(t, err)
		}
		f := logFile{name: e.Name(), size: int64(len(data))}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<26)
		for sc.Scan() {
			f.lines = append(f.lines, sc.Text())
		}
		require.True(t, len(data) == 0 || data[len(data)-1] == '\n', "%s ends mid-line", e.Name())
		files = append(files, f)
	}
	if len(files) > 0 && files[0].name == base { // ReadDir sorts it first
		files = append(files[1:], files[0])
	}
	return files
}

// checkRecords checks that every line is a complete record, that each
// writer's records come in order through the files, and returns the
// sequence numbers seen per writer.
func checkRecords(t testing.TB, files []logFile, writers int) [][]bool {
	seen := make([][]bool, writers)
	for i := range seen {
		seen[i] = make([]bool, 0, 1024)
	}
	var want []byte
	for _, f := range files {
		for _, line := range f.lines {
			var id, seq int
			_, err := fmt.Sscanf(line, "w%02d s%07d ", &id, &seq)
			require.NoError(t, err, "%s: bad line %q", f.name, line)
			require.Less(t, id, writers, "%s: %q", f.name, line)
			want = appendRecordLine(want[:0], id, seq)
			require.Equal(t, string(want[:len(want)-1]), line, "%s: torn record", f.name)
			for len(seen[id]) <= seq {
				seen[id] = append(seen[id], false)
			}
			require.False(t, seen[id][seq], "%s: duplicate %q", f.name, line)
			require.Equal(t, len(seen[id])-1, seq, "%s: %q out of order", f.name, line)
			seen[id][seq] = true
		}
	}
	return seen
}

// diskUsage sums the sizes of the files in the directory of path while holding
// the rotation lock, so that it sees a state between two operations.
func diskUsage(path string) (int64, error) {
	fd, err := unix.Open(path+".lock", unix.O_RDWR|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0, err
	}
	defer unix.Close(fd)
	if err := flock(fd, unix.LOCK_EX); err != nil {
		return 0, err
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return 0, err
	}
	var total int64
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			total += info.Size()
		}
	}
	return total, nil
}

// watchUsage samples diskUsage until stop is closed and returns the maximum.
func watchUsage(path string, stop <-chan struct{}) func() int64 {
	var (
		mu   sync.Mutex
		peak int64
		wg   sync.WaitGroup
	)
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			u, err := diskUsage(path)
			if err != nil { // not created yet
				continue
			}
			mu.Lock()
			peak = max(peak, u)
			mu.Unlock()
		}
	})
	return func() int64 {
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func writeFile(path string) error {
	return os.WriteFile(path, nil, 0o600)
}
