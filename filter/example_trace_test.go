package filter_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
)

func ExampleInput_trace() {
	src := `require "fileinto";
if header :contains "subject" "invoice" {
    fileinto "Bills";
} elsif address :domain "from" "example.net" {
    fileinto "Friends";
}`
	s, err := filter.Compile("rules.sieve", []byte(src), filter.CompileOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := "From: ann@example.net\r\nSubject: Lunch?\r\n\r\nNoon?\r\n"
	_, err = s.Run(context.Background(), filter.Input{
		Message: strings.NewReader(msg),
		Size:    int64(len(msg)),
		Trace: func(e filter.TraceEvent) {
			fmt.Println(e.Pos, e.Kind, e.Text, e.Matched)
		},
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// rules.sieve:2:4 test header :contains "subject" "invoice" false
	// rules.sieve:4:9 test address :domain "from" "example.net" true
	// rules.sieve:5:5 command fileinto false
}

func ExampleInput_flags() {
	s, err := filter.Compile("later.sieve", []byte(`require "imap4flags"; removeflag "\\Seen";`), filter.CompileOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := "Subject: hi\r\n\r\nhi\r\n"
	res, err := s.Run(context.Background(), filter.Input{
		Message: strings.NewReader(msg),
		Size:    int64(len(msg)),
		Flags:   []string{`\Seen`, "$Work"}, // set by an earlier script
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", res.Actions[0])
	// Output:
	// {Mailbox:INBOX Flags:[$Work] Create:false Keep:true Pos:-}
}
