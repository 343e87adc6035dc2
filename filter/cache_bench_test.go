package filter

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkScriptCache_hit measures one lookup of a cached script: a stat
// of the file plus the map lookup.
func BenchmarkScriptCache_hit(b *testing.B) {
	a := writeTestScript(b, b.TempDir(), "a.sieve", `require "fileinto"; if header :is "x-spam-flag" "YES" { fileinto "Junk"; }`)
	c := newScriptCache(defaultCacheEntries, time.Hour)
	_, _, err := c.load(b.Context(), a, CompileOptions{})
	require.NoError(b, err)
	for b.Loop() {
		if _, _, err := c.load(b.Context(), a, CompileOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScriptCache_miss measures a lookup that reads and compiles.
func BenchmarkScriptCache_miss(b *testing.B) {
	a := writeTestScript(b, b.TempDir(), "a.sieve", `require "fileinto"; if header :is "x-spam-flag" "YES" { fileinto "Junk"; }`)
	for b.Loop() {
		c := newScriptCache(defaultCacheEntries, time.Hour)
		if _, _, err := c.load(b.Context(), a, CompileOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFilter_Evaluate measures a whole chain with a warm cache: one
// global before script and the personal script behind a ManageSieve symlink.
func BenchmarkFilter_Evaluate(b *testing.B) {
	dir := b.TempDir()
	before := writeTestScript(b, dir, "before.sieve", `if header :contains "subject" "xyz" { discard; stop; }`)
	home := filepath.Join(dir, "home")
	require.NoError(b, os.MkdirAll(filepath.Join(home, "sieve"), 0o755))
	writeTestScript(b, filepath.Join(home, "sieve"), "main.sieve",
		`require ["fileinto","envelope"]; if envelope :is "from" "boss@example.org" { fileinto "Boss"; }`)
	require.NoError(b, os.Symlink("sieve/main.sieve", filepath.Join(home, ".dovecot.sieve")))
	f, err := New(Options{Before: []string{before}})
	require.NoError(b, err)
	msg := []byte("From: anna@example.org\r\nTo: tim@shisaa.jp\r\nX-Spam-Flag: YES\r\nSubject: hello\r\n\r\nhi\r\n")
	in := Input{Envelope: Envelope{From: "anna@example.org", To: "tim@shisaa.jp"}, Size: int64(len(msg))}
	for b.Loop() {
		in.Message = bytes.NewReader(msg)
		ev, err := f.Evaluate(b.Context(), User{Home: home}, in)
		if err != nil || len(ev.Errors) > 0 || !ev.Spam {
			b.Fatal(err, ev.Errors)
		}
	}
}
