package logrot

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	data, err := io.ReadAll(zr)
	require.NoError(t, err)
	return string(data)
}

// TestCompress: rotated files are replaced by their gzip, with Mode.
func TestCompress(t *testing.T) {
	t.Parallel()
	w, clock, errs := openTest(t, Options{Compress: true, Keep: 3})
	for _, s := range []string{"one\n", "two\n", "three\n", "four\n"} {
		write(t, w, s)
		require.NoError(t, w.Rotate())
		clock.advance(time.Second)
	}
	write(t, w, "five\n")
	require.NoError(t, w.Close())
	names := rotatedNames(t, w)
	require.Len(t, names, 3)
	for i, want := range []string{"two\n", "three\n", "four\n"} {
		_, k, err := ParseRotatedName(w.base, names[i])
		require.NoError(t, err)
		require.Equal(t, Gzip, k, names[i])
		path := filepath.Join(w.dir, names[i])
		assert.Equal(t, want, gunzip(t, path))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, DefaultMode, info.Mode().Perm())
	}
	assert.Empty(t, errs.String())
}

// TestCompress_crashLeftovers: what a crash leaves is finished by the next
// sweep: a partial .gz.tmp is redone, a complete .gz (renamed before the
// crash) makes the original go, and pruning removes all three names.
func TestCompress_crashLeftovers(t *testing.T) {
	t.Parallel()
	w, _, errs := openTest(t, Options{Compress: true, Keep: 10})
	require.NoError(t, os.MkdirAll(w.dir, 0o750))
	t1 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	put := func(name, content string) {
		require.NoError(t, os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o640))
	}
	put(RotatedName(w.base, t1, Plain), "first\n")
	put(RotatedName(w.base, t1, GzipTemp), "partial garbage")
	put(RotatedName(w.base, t2, Plain), "second\n")
	var gz strings.Builder
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("second\n"))
	require.NoError(t, zw.Close())
	put(RotatedName(w.base, t2, Gzip), gz.String())

	w.gz.start()
	w.gz.wait()
	assert.Equal(t, []string{RotatedName(w.base, t1, Gzip), RotatedName(w.base, t2, Gzip)}, rotatedNames(t, w))
	assert.Equal(t, "first\n", gunzip(t, filepath.Join(w.dir, RotatedName(w.base, t1, Gzip))))
	assert.Equal(t, "second\n", gunzip(t, filepath.Join(w.dir, RotatedName(w.base, t2, Gzip))))
	assert.Empty(t, errs.String())
}

// TestCompress_prunedMeanwhile: a compression whose original was pruned
// before it finished does not bring the file back.
func TestCompress_prunedMeanwhile(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{Compress: true})
	require.NoError(t, os.MkdirAll(w.dir, 0o750))
	t1 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	src := filepath.Join(w.dir, RotatedName(w.base, t1, Plain))
	tmp := filepath.Join(w.dir, RotatedName(w.base, t1, GzipTemp))
	require.NoError(t, os.WriteFile(src, []byte("x\n"), 0o640))
	require.NoError(t, os.WriteFile(tmp, []byte("compressed"), 0o640))
	st := statOf(t, src)
	require.NoError(t, os.Remove(src)) // the pruner ran
	require.NoError(t, w.gz.publish(tmp, filepath.Join(w.dir, RotatedName(w.base, t1, Gzip)), src, st))
	assert.Empty(t, rotatedNames(t, w))
}

func statOf(t *testing.T, path string) *unix.Stat_t {
	t.Helper()
	var st unix.Stat_t
	require.NoError(t, unix.Stat(path, &st))
	return &st
}
