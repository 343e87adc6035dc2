package quota_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/letterbox-mail/letterbox/quota"
)

// childEnv makes the test binary a delivering child process: its value is
// "<maildir>|<deliveries>|<seed>".
const childEnv = "LETTERBOX_QUOTA_CHILD"

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		if err := runChild(v); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runChild delivers messages of varying sizes with a quota large enough
// that none is refused.
func runChild(spec string) error {
	parts := strings.Split(spec, "|")
	if len(parts) != 3 {
		return fmt.Errorf("bad %s %q", childEnv, spec)
	}
	n, err1 := strconv.Atoi(parts[1])
	seed, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("bad %s %q", childEnv, spec)
	}
	m, err := maildir.New(parts[0], maildir.Options{Hostname: "mx.test", NoFsync: true})
	if err != nil {
		return err
	}
	k, err := quota.New(quota.Options{Hostname: "mx.test"})
	if err != nil {
		return err
	}
	acct := quota.Account{Maildir: m, Limits: quota.Limits{Bytes: 1 << 40}, User: "bob"}
	for i := range n {
		size := 1 + (seed*7919+i*104729)%3000
		body := strings.NewReader(strings.Repeat("z", size))
		if _, err := k.Deliver(context.Background(), acct, m.Inbox(), body, int64(size), maildir.DeliverOptions{}); err != nil {
			return err
		}
	}
	return nil
}
