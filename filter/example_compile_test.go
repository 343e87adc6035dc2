package filter_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
)

func ExampleCompile() {
	src := `require ["fileinto", "imap4flags"];
if header :contains "X-Spam-Flag" "YES" {
    fileinto :flags "\\Seen" "Junk";
}`
	s, err := filter.Compile("spam.sieve", []byte(src), filter.CompileOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := "From: deals@example.net\r\nX-Spam-Flag: YES\r\nSubject: Offer\r\n\r\nBuy now.\r\n"
	res, err := s.Run(context.Background(), filter.Input{
		Envelope: filter.Envelope{From: "deals@example.net", To: "tim@shisaa.jp"},
		Message:  strings.NewReader(msg),
		Size:     int64(len(msg)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range res.Actions {
		fmt.Printf("%T %+v\n", a, a)
	}
	fmt.Println("implicit keep:", res.ImplicitKeep)
	// Output:
	// filter.Store {Mailbox:Junk Flags:[\Seen] Create:false Keep:false Pos:spam.sieve:3:5}
	// implicit keep: false
}

func ExampleCompile_error() {
	_, err := filter.Compile("broken.sieve", []byte("require \"vacation\";\nvacation :days \"1\" \"away\";\n"), filter.CompileOptions{})
	fmt.Println(err)
	// Output:
	// broken.sieve:2:16: tagged argument requires a number, got string-list
}

func ExampleScript_Run_vacation() {
	src := `require "vacation";
vacation :days 3 :addresses ["tim@shisaa.jp"] "I am away until Monday.";`
	s, _ := filter.Compile("vacation.sieve", []byte(src), filter.CompileOptions{})
	msg := "From: Alice <alice@example.org>\r\nTo: tim@shisaa.jp\r\nSubject: Lunch?\r\nMessage-ID: <1@example.org>\r\n\r\nHi\r\n"
	res, _ := s.Run(context.Background(), filter.Input{
		Envelope: filter.Envelope{From: "alice@example.org", To: "tim@shisaa.jp"},
		Message:  strings.NewReader(msg),
		Size:     int64(len(msg)),
	})
	for _, a := range res.Actions {
		if v, ok := a.(filter.Vacation); ok {
			fmt.Println(v.To, "|", v.Subject, "|", v.Period, "|", v.InReplyTo)
		}
	}
	// Output:
	// alice@example.org | Auto: Lunch? | 72h0m0s | <1@example.org>
}

func ExampleScriptError() {
	s, _ := filter.Compile("conflict.sieve", []byte("require [\"reject\", \"fileinto\"];\nfileinto \"A\";\nreject \"no\";\n"), filter.CompileOptions{})
	res, err := s.Run(context.Background(), filter.Input{Message: strings.NewReader("Subject: x\r\n\r\n")})
	fmt.Println(err)
	fmt.Printf("%+v\n", res.Actions)
	// Output:
	// conflict.sieve:3:1: reject action conflicts with keep, fileinto or redirect at conflict.sieve:2:1
	// [{Mailbox:INBOX Flags:[] Create:false Keep:true Pos:-}]
}
