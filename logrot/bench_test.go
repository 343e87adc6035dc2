package logrot

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkAppend measures records/s of P processes (the test binary
// re-executed) writing the same records with a plain O_APPEND write and
// through a Writer (default options: 1 MiB files, so rotations happen), in
// the same run, and reports the ratio logrot/plain. The two alternate in
// four rounds so that a change in machine load affects both alike.
//
//	go test -run '^$' -bench Append -benchtime 400000x ./logrot/
func BenchmarkAppend(b *testing.B) {
	for _, procs := range []int{1, 4} {
		b.Run("procs="+strconv.Itoa(procs), func(b *testing.B) {
			const rounds = 4
			dir := b.TempDir()
			n := max(b.N/procs/rounds, 1)
			var plain, lr time.Duration
			for round := range rounds {
				plain += slowestChild(b, "plain", filepath.Join(dir, "plain.log"), procs, n, round)
				lr += slowestChild(b, "write", filepath.Join(dir, "logrot", "deliver.log"), procs, n, round)
			}
			records := float64(n * procs * rounds)
			b.ReportMetric(records/plain.Seconds(), "plain-rec/s")
			b.ReportMetric(records/lr.Seconds(), "logrot-rec/s")
			b.ReportMetric(plain.Seconds()/lr.Seconds(), "ratio")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// slowestChild runs procs children writing n records each and returns the
// time the slowest one spent in its write loop.
func slowestChild(b *testing.B, mode, path string, procs, n, round int) time.Duration {
	require.NoError(b, os.MkdirAll(filepath.Dir(path), 0o750))
	cs := make([]childConfig, procs)
	for i := range cs {
		cs[i] = childConfig{Mode: mode, Path: path, ID: round*procs + i, N: n}
	}
	var slowest time.Duration
	for _, res := range runChildren(b, cs) {
		slowest = max(slowest, time.Duration(res.Nanos))
	}
	return slowest
}

// BenchmarkWrite measures one goroutine writing records: plain O_APPEND
// write(2) against Writer.Write, without and with a timestamp prefix.
func BenchmarkWrite(b *testing.B) {
	b.Run("plain", func(b *testing.B) {
		f, err := os.OpenFile(filepath.Join(b.TempDir(), "plain.log"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
		require.NoError(b, err)
		defer f.Close()
		benchRecords(b, f.Write)
	})
	for name, ts := range map[string]Timestamp{"logrot": NoTimestamp, "logrot-tai64n": TAI64N} {
		b.Run(name, func(b *testing.B) {
			w, err := Open(filepath.Join(b.TempDir(), "deliver.log"), Options{Timestamp: ts})
			require.NoError(b, err)
			defer w.Close()
			benchRecords(b, w.Write)
		})
	}
}

func benchRecords(b *testing.B, write func([]byte) (int, error)) {
	var rec []byte
	seq := 0
	for b.Loop() {
		rec = appendRecordLine(rec[:0], 0, seq)
		write(rec)
		seq++
	}
	b.SetBytes(int64(len(rec)))
}
