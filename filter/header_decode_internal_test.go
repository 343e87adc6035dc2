package filter

import (
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pigeonholeHeader is one row of testdata/headers/pigeonhole.json: a raw
// Subject field and what real Pigeonhole 0.5.19 made of it, all
// percent-encoded: the value a header test matches and the subject of
// the vacation reply (decoded from the reply, which is RFC 2047 encoded).
type pigeonholeHeader struct {
	Field   string `json:"field"`
	Header  string `json:"header"`
	Subject string `json:"subject"`
}

func loadPigeonholeHeaders(t *testing.T) []pigeonholeHeader {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "headers", "pigeonhole.json"))
	require.NoError(t, err)
	var rows []pigeonholeHeader
	require.NoError(t, json.Unmarshal(data, &rows))
	require.NotEmpty(t, rows)
	return rows
}

func unescape(t *testing.T, s string) string {
	t.Helper()
	u, err := url.PathUnescape(s)
	require.NoError(t, err)
	return u
}

// TestMessage_headerLikePigeonhole parses a message with each Subject
// field and checks the header test value and the default vacation subject
// against what Pigeonhole gave.
func TestMessage_headerLikePigeonhole(t *testing.T) {
	t.Parallel()
	for _, row := range loadPigeonholeHeaders(t) {
		field := unescape(t, row.Field)
		t.Run(url.PathEscape(field), func(t *testing.T) {
			t.Parallel()
			msg := "From: a@example.org\r\n" + field + "\r\nTo: b@example.org\r\n\r\nbody\r\n"
			m, err := newMessage(strings.NewReader(msg), int64(len(msg)), 100)
			require.NoError(t, err)
			got, err := m.HeaderGet("Subject")
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, unescape(t, row.Header), got[0], "header test value")
			require.Len(t, m.subjects, 1)
			assert.Equal(t, unescape(t, row.Subject), sanitizeSubject("Auto: "+m.subjects[0], 256), "vacation subject")
		})
	}
}

func TestDecodeHeader(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain", "Hello", "Hello"},
		{"q", "=?UTF-8?Q?caf=C3=A9?=", "café"},
		{"b", "=?utf-8?b?Y2Fmw6k=?=", "café"},
		{"adjacent words joined", "=?UTF-8?Q?a?= \t =?UTF-8?Q?b?=", "ab"},
		{"text between words kept", "=?UTF-8?Q?a?= x =?UTF-8?Q?b?=", "a x b"},
		{"inside a word", "x=?UTF-8?Q?a?=y", "xay"},
		{"language tag", "=?UTF-8*en?Q?Hello?=", "Hello"},
		{"language tag makes latin1 unknown", "=?ISO-8859-1*en?Q?caf=E9?=", "caf\uFFFD"},
		{"unknown charset", "=?x-unknown?Q?abc?=", "abc"},
		{"glibc alias l1", "=?l1?Q?caf=E9?=", "café"},
		{"not a glibc name", "=?latin-1?Q?caf=E9?=", "caf\uFFFD"},
		{"ascii read as utf-8", "=?ascii?Q?caf=E9?=", "caf\uFFFD"},
		{"ascii alias converts", "=?ANSI_X3.4-1968?Q?a=E9=E9b?=", "a\uFFFDb"},
		{"windows-1252 euro", "=?windows-1252?Q?=80?=", "€"},
		{"iso-8859-15 euro", "=?iso-8859-15?Q?=A4?=", "€"},
		{"utf-16 without BOM is little-endian", "=?utf-16?B?YQBiAA==?=", "ab"},
		{"shift_jis cut short", "=?Shift_JIS?Q?a=82?=", "a"},
		{"malformed base64", "=?UTF-8?B?!!notbase64!!?=", ""},
		{"base64 stops at padding", "=?UTF-8?B?YW=Jj?=", "a"},
		{"base64 short group", "=?UTF-8?B?YWJ?=", "ab"},
		{"q bad escape", "=?UTF-8?Q?a=ZZb?=", "a=ZZb"},
		{"q escape cut short", "=?UTF-8?Q?a=2?=", "a=2"},
		{"q underscore", "=?UTF-8?Q?a_b?=", "a b"},
		{"unknown encoding", "=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="},
		{"unterminated", "=?UTF-8?Q?abc", "=?UTF-8?Q?abc"},
		{"nul becomes space", "=?UTF-8?Q?a=00b?=", "a b"},
		{"split sequence", "=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=", "caf\uFFFD"},
		{"raw invalid run", "a\xe9\xe9b", "a\uFFFDb"},
		{"gb2312 rejects gbk", "=?gb2312?B?1Vo=?=", "\uFFFDZ"},
		{"gb2312 empty row", "=?gb2312?B?qqF4?=", "\uFFFDx"},
		{"gb2312", "=?gb2312?B?1tDOxA==?=", "中文"},
		{"euc-kr c1", "=?euc-kr?B?gUF4?=", "\u0081Ax"},
		{"euc-kr", "=?euc-kr?B?x9GxuQ==?=", "한국"},
		{"euc-kr cut short", "=?euc-kr?B?x9Gx?=", "한"},
		{"euc-kr bad trail", "=?euc-kr?B?oQo=?=", "\uFFFD\n"},
		{"shift_jis no NEC row 13", "=?Shift_JIS?B?h0A=?=", "\uFFFD@"},
		{"shift_jis no IBM rows", "=?SJIS?B?7UBh?=", "\uFFFD@a"},
		{"cp932 has NEC row 13", "=?cp932?B?h0A=?=", "①"},
		{"shift_jis katakana and kanji", "=?Shift_JIS?B?sYif?=", "ｱ亜"},
		{"shift_jis lead cut short", "=?Shift_JIS?B?YYg=?=", "a"},
		{"iso-2022-jp", "=?ISO-2022-JP?B?GyRCJEgbKEJ4?=", "とx"},
		{"iso-2022-jp no NEC row 13", "=?ISO-2022-JP?B?GyRCLSEkSBsoQg==?=", "\uFFFD，\uFFFD"},
		{"iso-2022-jp roman", "=?ISO-2022-JP?B?GyhKYVx+GyhCXA==?=", "a¥‾\\"},
		{"iso-2022-jp unknown escape", "=?ISO-2022-JP?B?GyhJMRsoQg==?=", "\x1b(I1"},
		{"euc-jp no NEC row 13", "=?EUC-JP?B?raGkyA==?=", "\uFFFD，"},
		{"euc-jp 0212 and kana", "=?EUC-JP?B?j7ChjrE=?=", "丂ｱ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, decodeHeader(tt.in))
		})
	}
}

func TestSanitizeSubject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain", "Auto: hi", 256, "Auto: hi"},
		{"controls", "a\tb\nc\x01d\x7f", 256, "a\uFFFDb\uFFFDc\uFFFDd\x7f"},
		{"invalid bytes one each", "a\xe9\xe9b", 256, "a\uFFFD\uFFFDb"},
		{"cut", "abcdef", 4, "abc…"},
		{"exact", "abcd", 4, "abcd"},
		{"invalid bytes not counted", "ab\xe9cd", 4, "ab\uFFFDcd"},
		{"cut short at the end", "abc\xe2\x82", 256, "ab…"},
		{"nul ends it", "ab\x00cd", 256, "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, sanitizeSubject(tt.in, tt.max))
		})
	}
}

func TestCharsetReader(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, charset, in, want string }{
		{"none", "", "caf\xe9", "caf\xe9"},
		{"utf-8", "UTF-8", "café", "café"},
		{"latin1", "iso-8859-1", "caf\xe9", "café"},
		{"glibc alias", "L1", "caf\xe9", "café"},
		{"unknown to glibc", "latin-1", "caf\xe9", "caf\xe9"},
		{"windows-1252", "windows-1252", "\x80", "€"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := io.ReadAll(charsetReader(tt.charset, strings.NewReader(tt.in)))
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
}

func BenchmarkDecodeHeader(b *testing.B) {
	for _, bb := range []struct{ name, field string }{
		{"plain", "Subject: Are you free for lunch on Friday? The usual place at noon."},
		{"encoded", "Subject: =?UTF-8?Q?Caf=C3=A9_on_Friday=3F?= =?ISO-8859-1?Q?_=E0_midi?="},
		{"folded-8bit", "Subject: R\xe9union du lundi\r\n\tet du mardi"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			line := []byte(bb.field + "\r\n")
			b.ReportAllocs()
			for b.Loop() {
				_ = decodeHeader(unfoldValue(line))
			}
		})
	}
}

// TestReadFields_likeDovecot checks header splitting on broken headers:
// Dovecot reads on past a line without a colon, takes a bare LF as a line
// end and drops the white space before a colon.
func TestReadFields_likeDovecot(t *testing.T) {
	t.Parallel()
	msg := "From: a@example.org\r\nno colon here\r\n continued\r\nSubject : Lunch\r\n  on Friday  \r\n" +
		"X-Bare: a\nb\r\nX-Last: 1\r\n\r\nbody\r\n"
	m, err := newMessage(strings.NewReader(msg), int64(len(msg)), 100)
	require.NoError(t, err)
	subject, _ := m.HeaderGet("subject")
	assert.Equal(t, []string{"Lunch  on Friday"}, subject)
	assert.Equal(t, []string{"Lunch  on Friday  "}, m.subjects)
	assert.Equal(t, []string{"Lunch on Friday"}, m.rawValues("Subject"))
	bare, _ := m.HeaderGet("x-bare")
	assert.Equal(t, []string{"a"}, bare)
	last, _ := m.HeaderGet("x-last")
	assert.Equal(t, []string{"1"}, last)
	assert.Empty(t, m.raw["no colon here"])
	assert.Equal(t, int64(len(msg)-len("body\r\n")), m.bodyOff)
}
