package quota_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/letterbox-mail/letterbox/quota"
)

// benchAccount creates a maildir holding n messages in cur/ (named with
// ,S= as Letterbox, Dovecot and Courier name them) and a fresh
// maildirsize.
func benchAccount(b *testing.B, n int) quota.Account {
	b.Helper()
	m, err := maildir.New(filepath.Join(b.TempDir(), "Maildir"), maildir.Options{Hostname: "bench.test"})
	require.NoError(b, err)
	require.NoError(b, m.Create())
	cur := filepath.Join(m.Root(), "cur")
	for i := range n {
		name := fmt.Sprintf("%d.M%dP1.bench.test,S=2000,W=2040:2,S", 1700000000+i/1000, i%1000)
		f, err := os.OpenFile(filepath.Join(cur, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		require.NoError(b, err)
		require.NoError(b, f.Close())
	}
	acct := quota.Account{Maildir: m, Limits: quota.Limits{Bytes: 1 << 40, Messages: 10_000_000}, User: "bench"}
	k, err := quota.New(quota.Options{Hostname: "bench.test"})
	require.NoError(b, err)
	_, err = k.Recalculate(b.Context(), acct)
	require.NoError(b, err)
	return acct
}

// BenchmarkDeliver measures a delivery with its quota bookkeeping (check,
// append, periodic rebuild of maildirsize) into an empty maildir and into
// one holding 100,000 messages. Both maildirs are built before any
// measurement, and nothing is deleted.
func BenchmarkDeliver(b *testing.B) {
	accts := map[string]quota.Account{"empty": benchAccount(b, 0), "100k": benchAccount(b, 100_000)}
	k, err := quota.New(quota.Options{Hostname: "bench.test"})
	require.NoError(b, err)
	msg := bytes.Repeat([]byte("x"), 2000)
	for _, name := range []string{"empty", "100k"} {
		acct := accts[name]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_, err := k.Deliver(b.Context(), acct, acct.Maildir.Inbox(), bytes.NewReader(msg), int64(len(msg)), maildir.DeliverOptions{})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
