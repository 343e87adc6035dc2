package filter

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeTestScript(t testing.TB, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	return p
}

func TestScriptCache_hitMissEvict(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := t.TempDir()
	a := writeTestScript(t, dir, "a.sieve", "keep;")
	b := writeTestScript(t, dir, "b.sieve", "discard;")
	c := newScriptCache(1, time.Hour)
	e1, found, err := c.load(ctx, a, CompileOptions{})
	require.NoError(t, err)
	require.True(t, found)
	e2, _, err := c.load(ctx, a, CompileOptions{})
	require.NoError(t, err)
	assert.Same(t, e1.script, e2.script, "hit")
	_, _, err = c.load(ctx, b, CompileOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, c.len(), "bounded")
	e3, _, err := c.load(ctx, a, CompileOptions{})
	require.NoError(t, err)
	assert.NotSame(t, e1.script, e3.script, "a was evicted")
	_, found, err = c.load(ctx, filepath.Join(dir, "missing.sieve"), CompileOptions{})
	require.NoError(t, err)
	assert.False(t, found)
}

func TestScriptCache_ttl(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeTestScript(t, dir, "a.sieve", "keep;")
	c := newScriptCache(10, time.Minute)
	now := time.Unix(1000, 0)
	c.now = func() time.Time { return now }
	e1, _, err := c.load(t.Context(), a, CompileOptions{})
	require.NoError(t, err)
	now = now.Add(59 * time.Second)
	e2, _, err := c.load(t.Context(), a, CompileOptions{})
	require.NoError(t, err)
	assert.Same(t, e1, e2)
	now = now.Add(time.Second)
	e3, _, err := c.load(t.Context(), a, CompileOptions{})
	require.NoError(t, err)
	assert.NotSame(t, e1, e3, "expired")
	assert.Equal(t, 1, c.len())
}

func TestScriptCache_keyIncludesPersonalDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := writeTestScript(t, dir, "a.sieve", "keep;")
	c := newScriptCache(10, time.Hour)
	e1, _, err := c.load(t.Context(), a, CompileOptions{PersonalDir: "/x"})
	require.NoError(t, err)
	e2, _, err := c.load(t.Context(), a, CompileOptions{PersonalDir: "/y"})
	require.NoError(t, err)
	assert.NotSame(t, e1, e2)
}

func TestScriptCache_compileErrorCached(t *testing.T) {
	t.Parallel()
	a := writeTestScript(t, t.TempDir(), "a.sieve", "fileinto \"x\";")
	c := newScriptCache(10, time.Hour)
	e1, found, err := c.load(t.Context(), a, CompileOptions{})
	require.ErrorIs(t, err, ErrCompile)
	require.True(t, found)
	e2, _, err2 := c.load(t.Context(), a, CompileOptions{})
	assert.Same(t, e1, e2)
	assert.Equal(t, err, err2)
}

func TestScriptCache_concurrentMissesCompileOnce(t *testing.T) {
	t.Parallel()
	a := writeTestScript(t, t.TempDir(), "a.sieve", "keep;")
	c := newScriptCache(10, time.Hour)
	var wg sync.WaitGroup
	got := make([]*Script, 16)
	for i := range got {
		wg.Go(func() {
			e, _, err := c.load(t.Context(), a, CompileOptions{})
			assert.NoError(t, err)
			got[i] = e.script
		})
	}
	wg.Wait()
	for _, s := range got {
		assert.Same(t, got[0], s)
	}
}

func TestReadScript_limit(t *testing.T) {
	t.Parallel()
	a := writeTestScript(t, t.TempDir(), "a.sieve", strings.Repeat("#\n", 100))
	src, err := readScript(a, 10)
	require.NoError(t, err)
	assert.Len(t, src, 11)
	_, err = readScript(filepath.Join(t.TempDir(), "missing"), 0)
	require.Error(t, err)
}

func TestSpamRule_matches(t *testing.T) {
	t.Parallel()
	rule, err := SpamRule{}.withDefaults()
	require.NoError(t, err)
	tests := []struct {
		name string
		msg  string
		want bool
	}{
		{"crlf", "Subject: x\r\nX-Spam-Flag: YES\r\n\r\nbody", true},
		{"lf and case", "x-spam-flag:yes\n\nbody", true},
		{"folded", "X-Spam-Flag:\r\n YES\r\n\r\n", true},
		{"no", "X-Spam-Flag: NO\r\n\r\n", false},
		{"in body only", "Subject: x\r\n\r\nX-Spam-Flag: YES\r\n", false},
		{"value prefix", "X-Spam-Flag: YESS\r\n\r\n", false},
		{"no final newline", "X-Spam-Flag: YES", true},
		{"empty", "", false},
		{"huge line", strings.Repeat("a", 70000) + "\r\nX-Spam-Flag: YES\r\n\r\n", true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, rule.matches(strings.NewReader(tt.msg), int64(len(tt.msg))), tt.name)
	}
	rule.Disabled = true
	assert.False(t, rule.matches(strings.NewReader("X-Spam-Flag: YES\r\n\r\n"), 20))
}

func FuzzSpamRule(f *testing.F) {
	f.Add([]byte("X-Spam-Flag: YES\r\n\r\n"))
	f.Add([]byte("X-Spam-Flag:\n\tYES\n"))
	rule, _ := SpamRule{}.withDefaults()
	f.Fuzz(func(t *testing.T, msg []byte) {
		rule.matches(strings.NewReader(string(msg)), int64(len(msg)))
	})
}
