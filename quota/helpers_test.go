package quota_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/letterbox-mail/letterbox/quota"
)

// newAccount creates a fresh maildir under t.TempDir().
func newAccount(t testing.TB, limits quota.Limits) quota.Account {
	t.Helper()
	m, err := maildir.New(filepath.Join(t.TempDir(), "Maildir"), maildir.Options{Hostname: "mx.test", NoFsync: true})
	require.NoError(t, err)
	require.NoError(t, m.Create())
	return quota.Account{Maildir: m, Limits: limits, User: "bob@example.org", Address: "bob@example.org"}
}

func newKeeper(t testing.TB, opts quota.Options) *quota.Keeper {
	t.Helper()
	if opts.Hostname == "" {
		opts.Hostname = "mx.test"
	}
	k, err := quota.New(opts)
	require.NoError(t, err)
	return k
}

// deliverN delivers a message of size bytes into d.
func deliverSize(t testing.TB, k *quota.Keeper, acct quota.Account, d maildir.Dir, size int) (maildir.Message, error) {
	t.Helper()
	body := strings.Repeat("x", size)
	return k.Deliver(context.Background(), acct, d, strings.NewReader(body), int64(size), maildir.DeliverOptions{})
}

func sizeFile(t testing.TB, acct quota.Account) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(acct.Maildir.Root(), quota.SizeFileName))
	require.NoError(t, err)
	return string(b)
}

func writeSizeFile(t testing.TB, acct quota.Account, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(acct.Maildir.Root(), quota.SizeFileName), []byte(content), 0o600))
}

// sumSizeFile returns the limits line and the summed usage lines.
func sumSizeFile(t testing.TB, content string) (string, quota.Usage) {
	t.Helper()
	first, rest, _ := strings.Cut(content, "\n")
	var sum quota.Usage
	for _, l := range strings.Split(strings.TrimSuffix(rest, "\n"), "\n") {
		if l == "" {
			continue
		}
		u, err := quota.ParseLine(l)
		require.NoError(t, err)
		sum = sum.Add(u)
	}
	return first, sum
}

// putFile creates a message file by hand.
func putFile(t testing.TB, dir, name string, size int) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat("y", size)), 0o600))
}

// recordingSink remembers reports; err makes it fail.
type recordingSink struct {
	mu      sync.Mutex
	reports []quota.Usage
	err     error
}

func (s *recordingSink) ReportUsage(_ context.Context, user string, u quota.Usage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reports = append(s.reports, u)
	return s.err
}

func (s *recordingSink) last() quota.Usage {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reports) == 0 {
		return quota.Usage{}
	}
	return s.reports[len(s.reports)-1]
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func contextWithCancel(t testing.TB) (context.Context, context.CancelFunc) {
	return context.WithCancel(t.Context())
}

func deliverOpts() maildir.DeliverOptions { return maildir.DeliverOptions{} }
