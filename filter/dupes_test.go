package filter_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

var dupeT0 = time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)

func newDupeStore(t *testing.T, path string) *filter.DupeStore {
	t.Helper()
	s, err := filter.NewDupeStore(filter.DupeStoreOptions{Path: path, NoSync: true})
	require.NoError(t, err)
	return s
}

func TestDupeStore_replyOncePerPeriod(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := newDupeStore(t, filepath.Join(t.TempDir(), ".letterbox.vacation"))
	const day = 24 * time.Hour
	steps := []struct {
		name   string
		sender string
		handle string
		at     time.Duration
		want   bool
	}{
		{"first message gets a reply", "Anna@Example.org", "h1", 0, true},
		{"same sender within :days", "anna@example.org", "h1", 12 * time.Hour, false},
		{"other handle", "anna@example.org", "h2", 12 * time.Hour, true},
		{"other sender", "bob@example.org", "h1", 12 * time.Hour, true},
		{"just before expiry", "ANNA@example.org", "h1", day - time.Second, false},
		{"after :days", "anna@example.org", "h1", day, true},
		{"again within the new period", "anna@example.org", "h1", day + time.Hour, false},
	}
	for _, st := range steps {
		now := dupeT0.Add(st.at)
		replied, err := s.Replied(ctx, st.sender, st.handle, now)
		require.NoError(t, err, st.name)
		assert.Equal(t, !st.want, replied, st.name)
		got, err := s.Claim(ctx, st.sender, st.handle, now, now.Add(day))
		require.NoError(t, err, st.name)
		assert.Equal(t, st.want, got, st.name)
	}
}

func TestDupeStore_zeroPeriodAlwaysReplies(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "v")
	s := newDupeStore(t, path)
	for range 3 {
		ok, err := s.Claim(t.Context(), "a@example.org", "h", dupeT0, dupeT0)
		require.NoError(t, err)
		assert.True(t, ok)
	}
	assert.NoFileExists(t, path)
}

func TestDupeStore_surviveRestart(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "v")
	ok, err := newDupeStore(t, path).Claim(ctx, "a@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
	require.NoError(t, err)
	require.True(t, ok)
	replied, err := newDupeStore(t, path).Replied(ctx, "a@example.org", "h", dupeT0.Add(time.Minute))
	require.NoError(t, err)
	assert.True(t, replied)
}

func TestDupeStore_release(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := newDupeStore(t, filepath.Join(t.TempDir(), "v"))
	until := dupeT0.Add(time.Hour)
	require.NoError(t, s.Release(ctx, "a@example.org", "h"), "releasing an unknown pair")
	ok, err := s.Claim(ctx, "a@example.org", "h", dupeT0, until)
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, s.Release(ctx, "a@example.org", "h"))
	ok, err = s.Claim(ctx, "a@example.org", "h", dupeT0, until)
	require.NoError(t, err)
	assert.True(t, ok, "a released reply may be claimed again")
}

func TestDupeStore_repliedIsReadOnly(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "v")
	replied, err := newDupeStore(t, path).Replied(t.Context(), "a@example.org", "h", dupeT0)
	require.NoError(t, err)
	assert.False(t, replied)
	assert.NoFileExists(t, path)
	assert.NoFileExists(t, path+".lock")
}

func TestDupeStore_corruptFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		replied bool
	}{
		{"garbage", "\x00\xff not a history file\n", false},
		{"truncated header", "letterbox-vac", false},
		{"bad lines among good", "letterbox-vacation 1\nzz 1 2\n" + goodDupeLine(t) + "\nshort\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			path := filepath.Join(t.TempDir(), "v")
			require.NoError(t, os.WriteFile(path, []byte(tt.content), 0o600))
			var logs bytes.Buffer
			s, err := filter.NewDupeStore(filter.DupeStoreOptions{Path: path, NoSync: true,
				Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			require.NoError(t, err)
			replied, err := s.Replied(ctx, "a@example.org", "h", dupeT0)
			require.NoError(t, err, "a corrupt history must not stop delivery")
			assert.Equal(t, tt.replied, replied)
			_, err = s.Claim(ctx, "b@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
			require.NoError(t, err)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Regexp(t, `^letterbox-vacation 1\n([0-9a-f]{32} \d+ \d+\n)+$`, string(data), "rewritten clean")
		})
	}
}

// goodDupeLine returns the history line a store writes for a@example.org/h.
func goodDupeLine(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v")
	_, err := newDupeStore(t, path).Claim(t.Context(), "a@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data[len("letterbox-vacation 1\n") : len(data)-1])
}

func TestDupeStore_unreadable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newDupeStore(t, dir) // a directory is not a readable file
	_, err := s.Replied(t.Context(), "a@example.org", "h", dupeT0)
	require.Error(t, err)
	_, err = s.Claim(t.Context(), "a@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
	require.Error(t, err)
}

func TestNewDupeStore_invalid(t *testing.T) {
	t.Parallel()
	_, err := filter.NewDupeStore(filter.DupeStoreOptions{})
	require.ErrorIs(t, err, filter.ErrNoDupePath)
	_, err = filter.NewDupeStore(filter.DupeStoreOptions{Path: "x", LockTimeout: -1})
	require.Error(t, err)
}

func TestDupeStore_concurrentGoroutinesOneReply(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := newDupeStore(t, filepath.Join(t.TempDir(), "v"))
	const n = 16
	var wg sync.WaitGroup
	results := make([]bool, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			results[i], errs[i] = s.Claim(ctx, "a@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
		})
	}
	wg.Wait()
	claimed := 0
	for i := range n {
		require.NoError(t, errs[i])
		if results[i] {
			claimed++
		}
	}
	assert.Equal(t, 1, claimed)
}

// TestDupeStore_concurrentProcessesOneReply re-executes the test binary as
// several processes claiming the same reply at once.
func TestDupeStore_concurrentProcessesOneReply(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "v")
	const n = 6
	outs := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestDupeStoreHelperProcess$")
			cmd.Env = append(os.Environ(), "LETTERBOX_DUPE_HELPER="+path)
			outs[i], errs[i] = cmd.Output()
		})
	}
	wg.Wait()
	claimed := 0
	for i := range n {
		require.NoError(t, errs[i])
		out := string(outs[i])
		require.Regexp(t, `claimed=(true|false)`, out)
		if strings.Contains(out, "claimed=true") {
			claimed++
		}
	}
	assert.Equal(t, 1, claimed)
}

// TestDupeStoreHelperProcess is the child of
// TestDupeStore_concurrentProcessesOneReply; it does nothing otherwise.
func TestDupeStoreHelperProcess(t *testing.T) {
	path := os.Getenv("LETTERBOX_DUPE_HELPER")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := filter.NewDupeStore(filter.DupeStoreOptions{Path: path})
	require.NoError(t, err)
	ok, err := s.Claim(t.Context(), "a@example.org", "h", dupeT0, dupeT0.Add(time.Hour))
	require.NoError(t, err)
	fmt.Println("claimed=" + strconv.FormatBool(ok))
}
