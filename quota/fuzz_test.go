package quota_test

import (
	"bytes"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/letterbox-mail/letterbox/quota"
)

// FuzzParse checks that rule parsing never panics, that limits are never
// negative and that Maildir++ limits survive String and Parse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"100000000S", "1000C", "100000000S,1000C", "10S,7X", "*:storage=100M",
		"*:bytes=1G:messages=1000", "Trash:storage=+100M", "Trash:ignore", "*:storage=10%", "*:messages=-5",
		"*:bytes=1G;Trash:storage=+10%", ",", "S", "*:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := quota.Parse(s)
		if err != nil {
			return
		}
		if l.Bytes < 0 || l.Messages < 0 {
			t.Fatalf("Parse(%q) = negative limits %+v", s, l)
		}
		for _, name := range []string{"INBOX", "Trash", "a/b"} {
			if fl := l.For(name); fl.Limit.Bytes < 0 || fl.Limit.Messages < 0 {
				t.Fatalf("Parse(%q).For(%q) = negative limits %+v", s, name, fl)
			}
		}
		back, err := quota.ParseMaildirPlusPlus(l.String())
		if err != nil {
			t.Fatalf("String() = %q does not parse: %v", l.String(), err)
		}
		if back.Bytes != l.Bytes || back.Messages != l.Messages {
			t.Fatalf("round trip of %q: %+v != %+v", s, back, l)
		}
	})
}

// FuzzParseLine checks the maildirsize line parser: no panic, and a parsed
// line survives FormatLine and ParseLine.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"1234 1", "        1234            1\n", "-5 -1", "\t1\t2\r\n", "1", "x y", "- -", "1 2 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := quota.ParseLine(s)
		if err != nil {
			return
		}
		back, err := quota.ParseLine(quota.FormatLine(u))
		if err != nil || back != u {
			t.Fatalf("round trip of %q: %+v, %v", s, back, err)
		}
	})
}

// FuzzTemplate checks that a parsed warning template always renders into
// a message whose header net/mail can read.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"Subject: a\n\nbody\n", "From: x\r\nSubject: y\r\n\r\nb\r\n", "Subject: a\n  \nbody",
		"Subject: a\nbody", "Subject: a\n continued\n\n", "A: ${address}\n\n${percent}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tpl, err := quota.ParseTemplate([]byte(s))
		if err != nil {
			return
		}
		out := tpl.Render(quota.TemplateVars{Address: "a@b\r\nInjected-Zq: y"}, time.Unix(0, 0).UTC(), "h")
		msg, err := mail.ReadMessage(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("rendered %q: %v\n%q", s, err, out)
		}
		if msg.Header.Get("Injected-Zq") != "" && !strings.Contains(strings.ToLower(s), "injected-zq") {
			t.Fatalf("header injected: %q", out)
		}
	})
}
