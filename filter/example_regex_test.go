package filter_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
)

// :regex keys are POSIX extended regular expressions, as in Pigeonhole:
// the match is the leftmost-longest one ("*?" is not lazy), "\d" is a
// plain "d", and back-references work.
func ExampleCompile_regex() {
	src := `require ["regex", "variables", "fileinto"];
if header :regex "subject" "L(.*?)n" { fileinto "Longest-${1}"; }
if header :regex "subject" "[0-9]\\d" { fileinto "Never"; }
if header :regex "subject" "(o)\\1" { fileinto "Twice-${1}"; }`
	s, err := filter.Compile("regex.sieve", []byte(src), filter.CompileOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := "From: alice@example.org\r\nSubject: Lunch on Friday? Good food at 12\r\n\r\nHi\r\n"
	res, err := s.Run(context.Background(), filter.Input{
		Envelope: filter.Envelope{From: "alice@example.org", To: "tim@shisaa.jp"},
		Message:  strings.NewReader(msg),
		Size:     int64(len(msg)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range res.Actions {
		if st, ok := a.(filter.Store); ok {
			fmt.Println(st.Mailbox)
		}
	}
	// Output:
	// Longest-unch o
	// Twice-o
}
