package quota_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// BenchmarkDeliverRatio alternates deliveries into the empty maildir and
// into the one holding 100,000 messages, so that both see the same machine
// load, and reports the time of each and their ratio (target: ≤ 1.2). Run
// it with a fixed count that spans several maildirsize rebuilds, e.g.
// -benchtime=4000x.
func BenchmarkDeliverRatio(b *testing.B) {
	empty, big := benchAccount(b, 0), benchAccount(b, 100_000)
	k, err := quota.New(quota.Options{Hostname: "bench.test"})
	require.NoError(b, err)
	msg := bytes.Repeat([]byte("x"), 2000)
	var spent [2]time.Duration
	accts := []quota.Account{empty, big}
	for iter := 0; b.Loop(); iter++ {
		for j := range 2 {
			i := (iter + j) % 2 // alternate which goes first
			acct := accts[i]
			start := time.Now()
			_, err := k.Deliver(b.Context(), acct, acct.Maildir.Inbox(), bytes.NewReader(msg), int64(len(msg)), maildir.DeliverOptions{})
			spent[i] += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(spent[0].Nanoseconds())/n, "ns/empty")
	b.ReportMetric(float64(spent[1].Nanoseconds())/n, "ns/100k")
	b.ReportMetric(float64(spent[1])/float64(spent[0]), "ratio")
}

// BenchmarkRecalculate measures a rebuild of maildirsize for 100,000
// messages, the cost that the 5120-byte rule spreads over deliveries.
func BenchmarkRecalculate(b *testing.B) {
	acct := benchAccount(b, 100_000)
	k, err := quota.New(quota.Options{Hostname: "bench.test"})
	require.NoError(b, err)
	for b.Loop() {
		if _, err := k.Recalculate(b.Context(), acct); err != nil {
			b.Fatal(err)
		}
	}
}
