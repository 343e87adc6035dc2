package quota_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/letterbox-mail/letterbox/quota"
)

func ExampleParse() {
	courier, _ := quota.Parse("100000000S,1000C")
	fmt.Println(courier.Bytes, courier.Messages)

	dovecot, _ := quota.Parse("*:storage=100M;Trash:storage=+10M;Junk:ignore")
	fmt.Println(dovecot, dovecot.For("Trash").Limit.Bytes, dovecot.For("Junk").Ignore)

	_, err := quota.Parse("*:storage=100Q")
	fmt.Println(err)
	// Output:
	// 100000000 1000
	// 104857600S 115343360 true
	// quota: rule "*:storage=100Q": "storage=100Q": unknown size suffix "Q"; want b, k, M, G or T
}

func ExamplePercent() {
	limit := quota.Usage{Bytes: 100_000_000, Messages: 1000}
	fmt.Println(quota.Percent(quota.Usage{Bytes: 91_000_000, Messages: 10}, limit))
	fmt.Println(quota.Percent(quota.Usage{Bytes: 1_000, Messages: 950}, limit))
	fmt.Println(quota.Percent(quota.Usage{Bytes: 100_000_001}, limit))
	// Output:
	// 91
	// 95
	// 100
}

func ExampleParseLine() {
	for _, line := range []string{"1234 1", "       -1234           -1", "12 x"} {
		u, err := quota.ParseLine(line)
		fmt.Println(u, err != nil)
	}
	// Output:
	// {1234 1} false
	// {-1234 -1} false
	// {0 0} true
}

func ExampleKeeper_Deliver() {
	dir, _ := os.MkdirTemp("", "quota-example")
	defer os.RemoveAll(dir)
	m, _ := maildir.New(filepath.Join(dir, "Maildir"), maildir.Options{Hostname: "mx.example.org"})
	_ = m.Create()
	limits, _ := quota.Parse("1000S,10C")
	acct := quota.Account{Maildir: m, Limits: limits, User: "bob@example.org"}
	k, _ := quota.New(quota.Options{Hostname: "mx.example.org"})

	ctx := context.Background()
	for _, size := range []int{600, 600} {
		msg := strings.Repeat("x", size)
		_, err := k.Deliver(ctx, acct, m.Inbox(), strings.NewReader(msg), int64(size), maildir.DeliverOptions{})
		var ee *quota.ExceededError
		switch {
		case errors.As(err, &ee):
			fmt.Println("refused:", errors.Is(err, quota.ErrExceeded), ee.Usage, ee.Limit, ee.Permanent)
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Println("delivered", size)
		}
	}
	b, _ := os.ReadFile(filepath.Join(m.Root(), quota.SizeFileName))
	fmt.Print(string(b)) // over quota with two usage lines: recounted before refusing
	// Output:
	// delivered 600
	// refused: true {600 1} {1000 10} false
	// 1000S,10C
	// 600 1
}
