package logrot

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	procWriters = 8
	procRecords = 50_000
	procMax     = 64 << 10
)

func writers(path string, keep int) []childConfig {
	cs := make([]childConfig, procWriters)
	for i := range cs {
		cs[i] = childConfig{Mode: "write", Path: path, ID: i, N: procRecords, Max: procMax, Keep: keep}
	}
	return cs
}

// TestProcesses_keepAll: 8 processes write 50,000 numbered records each into
// one log of 64 KiB files; every record is there exactly once and complete,
// and no file is over 64 KiB.
func TestProcesses_keepAll(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "deliver.log")
	for i, res := range runChildren(t, writers(path, 100_000)) {
		require.Zero(t, res.Dropped, "child %d dropped records", i)
	}
	files := readLog(t, path)
	for _, f := range files {
		if len(f.lines) > 1 {
			assert.LessOrEqual(t, f.size, int64(procMax), f.name)
		}
	}
	seen := checkRecords(t, files, procWriters)
	for id, s := range seen {
		require.Len(t, s, procRecords, "writer %d", id)
		for seq, ok := range s {
			require.True(t, ok, "writer %d record %d missing", id, seq)
		}
	}
}

// TestProcesses_keepFive: with 5 rotated files kept, the disk usage never
// exceeds 6 × 64 KiB (sampled under the lock while the writers run), and
// what is kept is, per writer, the newest records without a gap.
func TestProcesses_keepFive(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "deliver.log")
	stop := make(chan struct{})
	peak := watchUsage(path, stop)
	for i, res := range runChildren(t, writers(path, 5)) {
		require.Zero(t, res.Dropped, "child %d dropped records", i)
	}
	close(stop)
	limit := int64(6*procMax + maxRecordLine)
	top := peak()
	t.Logf("peak disk usage %d bytes, limit %d", top, limit)
	assert.LessOrEqual(t, top, limit, "peak disk usage")
	final, err := diskUsage(path)
	require.NoError(t, err)
	assert.LessOrEqual(t, final, limit, "final disk usage")

	files := readLog(t, path)
	assert.LessOrEqual(t, len(files), 6)
	for _, f := range files {
		assert.LessOrEqual(t, f.size, int64(procMax), f.name)
	}
	kept := 0
	for id, s := range checkRecords(t, files, procWriters) {
		first := firstSeen(s)
		if first < 0 { // a writer that finished early may be all pruned
			continue
		}
		kept++
		require.Len(t, s, procRecords, "writer %d: newest record missing", id)
		for seq := first; seq < len(s); seq++ {
			require.True(t, s[seq], fmt.Sprintf("writer %d: gap at %d (kept from %d)", id, seq, first))
		}
	}
	assert.Positive(t, kept)
}

func firstSeen(s []bool) int {
	for i, ok := range s {
		if ok {
			return i
		}
	}
	return -1
}

// TestProcesses_rotateWhileWriting: one process keeps writing while three
// others force rotations; no record is lost or duplicated.
func TestProcesses_rotateWhileWriting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "deliver.log")
	stopFile := filepath.Join(dir, "stop")
	const records = 20_000
	rot := childConfig{Mode: "rotate", Path: path, N: 5_000, Max: procMax, Keep: 100_000, Stop: stopFile, PaceUS: 2000}
	var rotators []childConfig
	for range 3 {
		rotators = append(rotators, rot)
	}
	done := make(chan []childResult)
	go func() { done <- runChildren(t, rotators) }()
	res := runChildren(t, []childConfig{{Mode: "write", Path: path, N: records, Max: procMax, Keep: 100_000}})
	require.NoError(t, writeFile(stopFile))
	<-done
	require.Zero(t, res[0].Dropped)

	files := readLog(t, path)
	assert.Greater(t, len(files), 10, "rotations happened")
	seen := checkRecords(t, files, 1)
	require.Len(t, seen[0], records)
	for seq, ok := range seen[0] {
		require.True(t, ok, "record %d missing", seq)
	}
}

// TestProcesses_fileSizeLimit: a file size limit (ulimit -f, set by Postfix
// pipe(8) from mailbox_size_limit) below MaxBytes makes files rotate at the
// limit instead of losing records.
func TestProcesses_fileSizeLimit(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "deliver.log")
	const records, limit = 2000, 8 << 10
	cs := []childConfig{
		{Mode: "write", Path: path, ID: 0, N: records, Max: procMax, Keep: 1000, FSize: limit},
		{Mode: "write", Path: path, ID: 1, N: records, Max: procMax, Keep: 1000, FSize: limit},
	}
	for i, res := range runChildren(t, cs) {
		require.Zero(t, res.Dropped, "child %d dropped records", i)
	}
	files := readLog(t, path)
	for _, f := range files {
		assert.LessOrEqual(t, f.size, int64(limit), f.name)
	}
	for id, s := range checkRecords(t, files, 2) {
		require.Len(t, s, records, "writer %d", id)
		assert.NotContains(t, s, false, "writer %d", id)
	}
}

// TestProcesses_compress: with compression, 4 processes rotating and
// compressing concurrently leave only .gz rotated files (no original, no
// temporary), within the cap, holding the newest records.
func TestProcesses_compress(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "deliver.log")
	const writers, records, maxBytes, keep = 4, 10_000, 16 << 10, 4
	cs := make([]childConfig, writers)
	for i := range cs {
		cs[i] = childConfig{Mode: "write", Path: path, ID: i, N: records, Max: maxBytes, Keep: keep, Gzip: true}
	}
	for i, res := range runChildren(t, cs) {
		require.Zero(t, res.Dropped, "child %d dropped records", i)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	for _, e := range entries {
		if _, k, err := ParseRotatedName(filepath.Base(path), e.Name()); err == nil {
			assert.Equal(t, Gzip, k, e.Name())
		}
	}
	usage, err := diskUsage(path)
	require.NoError(t, err)
	assert.LessOrEqual(t, usage, int64((keep+1)*maxBytes+maxRecordLine))
	files := readLog(t, path)
	assert.Len(t, files, keep+1)
	for id, s := range checkRecords(t, files, writers) {
		if first := firstSeen(s); first >= 0 {
			require.Len(t, s, records, "writer %d: newest record missing", id)
			assert.NotContains(t, s[first:], false, "writer %d", id)
		}
	}
}
