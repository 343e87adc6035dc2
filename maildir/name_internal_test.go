package maildir

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEscapeHost(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"mx1.example.org", "mx1.example.org"},
		{"a/b:c", `a\057b\072c`},
		{`a,b\c`, `a\054b\134c`},
		{"tab\there", `tab\011here`},
		{"caf\xc3\xa9", `caf\303\251`},
		{"", "localhost"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			got := escapeHost(tt.in)
			assert.Equal(t, tt.want, got)
			if tt.in != "" {
				assert.Equal(t, tt.in, unescapeHost(got))
			}
		})
	}
}

func TestGenerator_neverRepeats(t *testing.T) {
	t.Parallel()
	base := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	var calls atomic.Int64
	g := newGenerator(func() time.Time {
		if calls.Add(1) > 3 {
			return base.Add(-time.Hour)
		}
		return base
	})
	want := base.UnixMicro()
	for i := range 6 {
		sec, usec := g.next()
		assert.Equal(t, want+int64(i), sec*1e6+int64(usec), "call %d", i)
	}
}

func TestGenerator_before1970(t *testing.T) {
	t.Parallel()
	g := newGenerator(func() time.Time { return time.Unix(-5, 0) })
	for want := range int64(3) {
		sec, usec := g.next()
		assert.Equal(t, want, sec*1e6+int64(usec))
	}
}

// clocks are the injected clocks of the clock tests, made from a start
// time and the number of the call.
var clocks = map[string]func(start time.Time, call int64) time.Time{
	"stands still": func(start time.Time, _ int64) time.Time { return start },
	"steps back one hour mid-run": func(start time.Time, call int64) time.Time {
		if call > 1600 {
			return start.Add(-time.Hour + time.Duration(call)*time.Microsecond)
		}
		return start.Add(time.Duration(call) * time.Microsecond)
	},
}

// TestDeliver_clock delivers from 8 goroutines through two Maildir values
// (as two agents in one process would) sharing one broken clock: every
// delivery succeeds and every name is distinct.
func TestDeliver_clock(t *testing.T) {
	t.Parallel()
	for name, clock := range clocks {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			start := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
			var calls atomic.Int64
			// NoFsync: this test is about names; durability is tested elsewhere.
			opts := Options{Hostname: "mx1", NoFsync: true, now: func() time.Time { return clock(start, calls.Add(1)) }}
			ms := make([]*Maildir, 2)
			for i := range ms {
				m, err := New(root, opts)
				require.NoError(t, err)
				require.NoError(t, m.Create())
				ms[i] = m
			}
			const workers, each = 8, 400
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i := range each {
						body := fmt.Sprintf("worker %d message %d\n", w, i)
						_, err := ms[w%2].Inbox().Deliver(t.Context(), strings.NewReader(body), DeliverOptions{})
						assert.NoError(t, err)
					}
				})
			}
			wg.Wait()
			es, err := os.ReadDir(filepath.Join(root, "new"))
			require.NoError(t, err)
			assert.Len(t, es, workers*each)
			tmp, err := os.ReadDir(filepath.Join(root, "tmp"))
			require.NoError(t, err)
			assert.Empty(t, tmp)
		})
	}
}

// TestLink_neverOverwrites puts a file under the exact final name a
// delivery is about to publish: link must pick another name and leave the
// existing file alone.
func TestLink_neverOverwrites(t *testing.T) {
	t.Parallel()
	m, err := New(t.TempDir(), Options{Hostname: "mx1"})
	require.NoError(t, err)
	require.NoError(t, m.Create())
	ds, err := m.Inbox().openDirs(false)
	require.NoError(t, err)
	defer ds.close()
	n := m.newName("")
	tmpName := n.tmpName()
	require.NoError(t, os.WriteFile(filepath.Join(m.root, "tmp", tmpName), []byte("new"), 0o600))
	taken := filepath.Join(m.root, "new", n.key(3, 3))
	require.NoError(t, os.WriteFile(taken, []byte("old"), 0o600))

	final, err := link(ds, tmpName, &n, 3, 3, "")
	require.NoError(t, err)
	assert.NotEqual(t, filepath.Base(taken), final)
	old, err := os.ReadFile(taken)
	require.NoError(t, err)
	assert.Equal(t, "old", string(old))
}
