package filter

import (
	"bytes"
	"net/mail"
	"strings"
	"testing"
)

// FuzzReplyBuild checks that no script-controlled field can add a header
// field or break the message: the reply always parses with exactly the
// fields the builder writes (plus the :mime entity's Content-* fields).
func FuzzReplyBuild(f *testing.F) {
	f.Add("Auto: hi", "Tim <tim@example.com>", "body", "<1@x>", false)
	f.Add("a\r\nBcc: x@y", "x\r\nTo: z@w", "Content-Type: text/html\n\n<p>", "<1@x>\nX: y", true)
	f.Add(strings.Repeat("ü ", 200), "", strings.Repeat("x", 3000), "", false)
	allowed := map[string]bool{"Message-Id": true, "Date": true, "From": true, "To": true, "Subject": true,
		"In-Reply-To": true, "References": true, "Auto-Submitted": true, "Precedence": true,
		"X-Auto-Response-Suppress": true, "Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true}
	f.Fuzz(func(t *testing.T, subject, from, reason, irt string, isMIME bool) {
		b, err := NewReplyBuilder(ReplyOptions{Hostname: "mx.example.com"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := b.Build(ReplyInput{Recipient: "tim@example.com", Vacation: Vacation{
			To: "anna@example.org", Subject: subject, From: from, Reason: reason, InReplyTo: irt, MIME: isMIME}})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ReplaceAll(r.msg, []byte("\r\n"), nil), []byte("\n")) {
			t.Fatal("bare LF in reply")
		}
		m, err := mail.ReadMessage(bytes.NewReader(r.msg))
		if err != nil {
			t.Fatalf("reply does not parse: %v\n%q", err, r.msg)
		}
		for k := range m.Header {
			if !allowed[k] && !(isMIME && strings.HasPrefix(k, "Content-")) {
				t.Fatalf("unexpected header field %q", k)
			}
		}
		if got := m.Header["To"]; len(got) != 1 || got[0] != "<anna@example.org>" {
			t.Fatalf("To = %q", got)
		}
	})
}
