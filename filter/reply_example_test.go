package filter_test

import (
	"bytes"
	"fmt"
	"mime"
	"net/mail"

	"github.com/letterbox-mail/letterbox/filter"
)

func ExampleReplyBuilder_Build() {
	b, err := filter.NewReplyBuilder(filter.ReplyOptions{Hostname: "mx.example.com"})
	if err != nil {
		fmt.Println(err)
		return
	}
	reply, err := b.Build(filter.ReplyInput{
		Vacation: filter.Vacation{
			To:        "anna@example.org",
			Subject:   "Auto: Grüße",
			Reason:    "I am away until Monday.",
			InReplyTo: "<1@example.org>",
		},
		Recipient: "tim@example.com",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	reply.WriteTo(&buf)
	m, _ := mail.ReadMessage(&buf)
	fmt.Printf("MAIL FROM:<%s> RCPT TO:<%s>\n", reply.EnvelopeFrom, reply.EnvelopeTo)
	for _, h := range []string{"From", "To", "Subject", "In-Reply-To", "Auto-Submitted", "Content-Type"} {
		fmt.Printf("%s: %s\n", h, m.Header.Get(h))
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	fmt.Println("decoded subject:", subject)
	// Output:
	// MAIL FROM:<> RCPT TO:<anna@example.org>
	// From: <tim@example.com>
	// To: <anna@example.org>
	// Subject: =?utf-8?q?Auto=3A_Gr=C3=BC=C3=9Fe?=
	// In-Reply-To: <1@example.org>
	// Auto-Submitted: auto-replied (vacation)
	// Content-Type: text/plain; charset=utf-8
	// decoded subject: Auto: Grüße
}
