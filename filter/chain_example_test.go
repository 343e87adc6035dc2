package filter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
)

// A user with a ManageSieve-style personal script, a global before script
// and the built-in spam rule.
func ExampleFilter_Evaluate() {
	dir, _ := os.MkdirTemp("", "filter-example")
	defer os.RemoveAll(dir)
	home := filepath.Join(dir, "tim")
	os.MkdirAll(filepath.Join(home, "sieve"), 0o755)
	os.WriteFile(filepath.Join(home, "sieve", "rules.sieve"),
		[]byte(`require "fileinto"; if address :is "from" "boss@example.com" { fileinto "Boss"; }`), 0o644)
	os.Symlink("sieve/rules.sieve", filepath.Join(home, ".dovecot.sieve"))
	before := filepath.Join(dir, "before.sieve")
	os.WriteFile(before, []byte(`require "imap4flags"; if header :contains "subject" "[urgent]" { addflag "\\Flagged"; }`), 0o644)

	f, err := filter.New(filter.Options{Before: []string{before}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, msg := range []string{
		"From: boss@example.com\r\nSubject: report\r\n\r\n",
		"From: anna@example.org\r\nSubject: [urgent] lunch\r\n\r\n",
		"From: spam@example.net\r\nX-Spam-Flag: YES\r\nSubject: win\r\n\r\n",
	} {
		in := filter.Input{
			Envelope: filter.Envelope{From: "x@example.net", To: "tim@example.com"},
			Message:  strings.NewReader(msg),
			Size:     int64(len(msg)),
		}
		ev, err := f.Evaluate(context.Background(), filter.User{Home: home}, in)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, a := range ev.Actions {
			s := a.(filter.Store)
			fmt.Println(s.Mailbox, s.Flags, "create:", s.Create, "spam:", ev.Spam)
		}
	}
	// Output:
	// Boss [] create: false spam: false
	// INBOX [\Flagged] create: false spam: false
	// Junk [] create: true spam: true
}
