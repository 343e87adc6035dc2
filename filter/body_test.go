package filter_test

import (
	"encoding/base64"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

const bodyMessage = "From: a@example.org\r\nTo: tim@shisaa.jp\r\nSubject: x\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\nprologue text\r\n" +
	"--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf\xe9 cr\xe8me\r\n" +
	"--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
	"c2VjcmV0IHBheWxvYWQ=\r\n" + // "secret payload"
	"--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <b>world</b></p>\r\n" +
	"--b1--\r\nepilogue text\r\n"

func TestBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		test string
		want bool
	}{
		{`body :text :contains "Café crème"`, true},
		{`body :text :contains "secret"`, false},
		{`body :raw :contains "c2VjcmV0IHBheWxvYWQ="`, true},
		{`body :raw :contains "secret"`, false},
		{`body :content "application/octet-stream" :contains "secret payload"`, true},
		{`body :content "text/html" :contains "<b>world</b>"`, true},
		{`body :text :contains "Hello world"`, true},
		{`body :content "multipart" :contains "epilogue"`, true},
		{`body :content "multipart" :contains "Café"`, false},
		{`body :content "image" :contains ""`, false},
		{`body :content "text" :count "eq" "2"`, true},
		{`body :content "text/plain" :value "gt" "Cafa"`, true},
		{`body :text :regex "w[aeiou]rld"`, true},
		{`body :raw :matches "*secret*"`, false},
	}
	for _, tt := range tests {
		res, err := runMsg(t, `require ["body", "fileinto", "relational", "regex"]; if `+tt.test+` { fileinto "Yes"; }`, bodyMessage)
		require.NoError(t, err)
		assert.Equal(t, tt.want, stores(res)[0] == "Yes", tt.test)
	}
}

// bigMessage is a generated io.ReaderAt: a text part, an attachment of
// about size bytes of base64 and a final text part holding "needle".
type bigMessage struct {
	head, tail string
	size       int64
}

const bigLine = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"

func newBigMessage(size int64) *bigMessage {
	head := "From: a@example.org\r\nTo: tim@shisaa.jp\r\nSubject: big\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n" +
		"--zz\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n" +
		"--zz\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	tail := "--zz\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString([]byte("the needle is here")) + "\r\n--zz--\r\n"
	lines := size / int64(len(bigLine))
	return &bigMessage{head: head, tail: tail, size: int64(len(head)) + lines*int64(len(bigLine)) + int64(len(tail))}
}

func (m *bigMessage) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	tailStart := m.size - int64(len(m.tail))
	for n < len(p) && off < m.size {
		var c int
		switch {
		case off < int64(len(m.head)):
			c = copy(p[n:], m.head[off:])
		case off >= tailStart:
			c = copy(p[n:], m.tail[off-tailStart:])
		default:
			i := (off - int64(len(m.head))) % int64(len(bigLine))
			c = copy(p[n:], bigLine[i:])
			if rest := tailStart - off; int64(c) > rest {
				c = int(rest)
			}
		}
		n += c
		off += int64(c)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// TestBody_50MBStreams is not parallel: it measures allocation with
// runtime.MemStats, which counts every goroutine's, so it must run while
// no parallel test does.
func TestBody_50MBStreams(t *testing.T) {
	msg := newBigMessage(50 << 20)
	s := compile(t, `require ["body", "fileinto"];
if body :text :contains "needle" { fileinto "Text"; }
if body :raw :contains "needle" { fileinto "Wrong"; }`, filter.CompileOptions{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := s.Run(t.Context(), filter.Input{Envelope: testEnvelope, Message: msg, Size: msg.size, Now: fixedNow})
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Equal(t, []string{"Text"}, stores(res))
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("message %d bytes, allocated %d bytes", msg.size, allocated)
	assert.Less(t, allocated, uint64(16<<20), "the body must be streamed, not loaded")
}

func TestBody_latin1Header(t *testing.T) {
	t.Parallel()
	msg := "Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=\r\nX-Raw: " + strings.Repeat("a", 10) + "\r\n\r\n"
	res, err := runMsg(t, `require "fileinto"; if header :is "subject" "Grüße" { fileinto "Yes"; }`, msg)
	require.NoError(t, err)
	assert.Equal(t, []string{"Yes"}, stores(res))
}
