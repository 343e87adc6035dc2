package filter

import (
	"bytes"
	"flag"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateGolden = flag.Bool("update", false, "rewrite the testdata/*.golden files")

// fixedReplyBuilder returns a builder with a fixed clock and randomness.
func fixedReplyBuilder(t *testing.T, opts ReplyOptions) *ReplyBuilder {
	t.Helper()
	opts.Hostname = "mx.example.com"
	b, err := NewReplyBuilder(opts)
	require.NoError(t, err)
	b.now = func() time.Time { return time.Date(2026, 11, 21, 9, 30, 0, 0, time.FixedZone("", 3600)) }
	b.random = bytes.NewReader(make([]byte, 1024))
	return b
}

func TestReplyBuilder_golden(t *testing.T) {
	t.Parallel()
	base := Vacation{
		To:         "anna@example.org",
		Subject:    "Auto: lunch?",
		Reason:     "I am away until Monday.\nYour mail will be read then.",
		InReplyTo:  "<1234@example.org>",
		References: "<1000@example.org> <1234@example.org>",
	}
	hdr := mail.Header{"To": {"Tim <TIM@shisaa.jp>, other@example.net"}, "Cc": {"tim.alias@shisaa.jp"}}
	tests := []struct {
		name string
		opts ReplyOptions
		edit func(v *Vacation)
		hdr  mail.Header
	}{
		{name: "plain", edit: func(*Vacation) {}},
		{name: "no-message-id", edit: func(v *Vacation) { v.InReplyTo, v.References = "", "" }},
		{name: "utf8-subject-folded", edit: func(v *Vacation) {
			v.Subject = "Auto: Überraschung — das Büro ist bis zum Ende des Monats geschlossen, Grüße aus Köln"
		}},
		{name: "long-ascii-subject", edit: func(v *Vacation) { v.Subject = strings.Repeat("word ", 30) + "end" }},
		{name: "from-display-name", edit: func(v *Vacation) { v.From = "Tim Ösé <tim@shisaa.jp>" }},
		{name: "from-ascii-name", edit: func(v *Vacation) { v.From = `"Tim, the boss" <tim@shisaa.jp>` }},
		{name: "subject-looks-encoded", edit: func(v *Vacation) { v.Subject = "Auto: =?utf-8?q?x?=" }},
		{name: "from-found-in-header", hdr: hdr, edit: func(v *Vacation) { v.Addresses = []string{"tim.alias@shisaa.jp"} }},
		{name: "header-injection", edit: func(v *Vacation) {
			v.Subject = "hi\r\nBcc: victim@example.net"
			v.InReplyTo = "<x@y>\r\nX-Evil: 1"
		}},
		{name: "mime", edit: func(v *Vacation) {
			v.MIME = true
			v.Reason = "Content-Type: text/html; charset=utf-8\nX-Dropped: yes\nContent-Transfer-Encoding: 8bit\n\n<p>Away</p>\n"
		}},
		{name: "mime-no-headers", edit: func(v *Vacation) { v.MIME = true; v.Reason = "\nplain text entity" }},
		{name: "long-line-qp", edit: func(v *Vacation) { v.Reason = strings.Repeat("é", 600) }},
		{name: "send-from-recipient", opts: ReplyOptions{SendFromRecipient: true}, edit: func(*Vacation) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := base
			tt.edit(&v)
			r, err := fixedReplyBuilder(t, tt.opts).Build(ReplyInput{Vacation: v, Recipient: "tim@shisaa.jp", Header: tt.hdr})
			require.NoError(t, err)
			var got bytes.Buffer
			got.WriteString("MAIL FROM:<" + r.EnvelopeFrom + ">\r\nRCPT TO:<" + r.EnvelopeTo + ">\r\n\r\n")
			n, err := r.WriteTo(&got)
			require.NoError(t, err)
			assert.Equal(t, int64(r.Len()), n)
			checkGolden(t, filepath.Join("testdata", "reply", tt.name+".golden"), got.Bytes())
			checkReplyParses(t, v, &got)
		})
	}
}

// checkReplyParses re-reads the reply and checks the fields a mail client sees.
func checkReplyParses(t *testing.T, v Vacation, raw *bytes.Buffer) {
	t.Helper()
	_, msg, _ := bytes.Cut(raw.Bytes(), []byte("\r\n\r\n"))
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	require.NoError(t, err)
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(cleanField(v.Subject)), strings.TrimSpace(subj))
	assert.Equal(t, "auto-replied (vacation)", m.Header.Get("Auto-Submitted"))
	assert.Empty(t, m.Header.Get("Bcc"))
	assert.Empty(t, m.Header.Get("X-Evil"))
	for line := range strings.SplitSeq(string(msg), "\r\n") {
		assert.LessOrEqual(t, len(line), max8bitLine)
		if strings.Contains(line, "=?") {
			assert.LessOrEqual(t, len(line), 76, "RFC 2047 section 2: %q", line)
		}
	}
	assert.NotContains(t, strings.ReplaceAll(string(msg), "\r\n", ""), "\n", "bare LF")
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *updateGolden {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), string(got))
}

func TestReplyBuilder_invalid(t *testing.T) {
	t.Parallel()
	b := fixedReplyBuilder(t, ReplyOptions{})
	for _, in := range []ReplyInput{
		{Vacation: Vacation{To: ""}, Recipient: "tim@shisaa.jp"},
		{Vacation: Vacation{To: "not an address"}, Recipient: "tim@shisaa.jp"},
		{Vacation: Vacation{To: "anna@example.org"}, Recipient: ""},
	} {
		_, err := b.Build(in)
		require.ErrorIs(t, err, ErrReplyRecipient)
	}
	_, err := NewReplyBuilder(ReplyOptions{Hostname: "bad host"})
	require.Error(t, err)
}

func TestReplyBuilder_uniqueMessageIDs(t *testing.T) {
	t.Parallel()
	b, err := NewReplyBuilder(ReplyOptions{})
	require.NoError(t, err)
	seen := map[string]bool{}
	for range 100 {
		r, err := b.Build(ReplyInput{Vacation: Vacation{To: "a@example.org"}, Recipient: "b@example.org"})
		require.NoError(t, err)
		m, err := mail.ReadMessage(bytes.NewReader(r.msg))
		require.NoError(t, err)
		id := m.Header.Get("Message-ID")
		assert.False(t, seen[id], id)
		seen[id] = true
	}
}
