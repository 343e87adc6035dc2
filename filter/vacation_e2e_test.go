package filter_test

import (
	"bytes"
	"mime"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emersion/go-message/charset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// TestVacationDifferential runs each suppression rule through Pigeonhole's
// sieve-test with -e (really executing, so that vacation decides) and
// checks that Run decides the same and builds the same subject.
func TestVacationDifferential(t *testing.T) {
	t.Parallel()
	bin := sieveTestBinary(t)
	work, conf := sieveTestWork(t)
	script := "require \"vacation\";\nvacation :addresses [\"alias@shisaa.jp\"] \"I am away.\";\n"
	scriptPath := filepath.Join(work, "v.sieve")
	require.NoError(t, os.WriteFile(scriptPath, []byte(script), 0o644))
	s := compile(t, script, filter.CompileOptions{})

	rows := []struct{ from, headers string }{
		{"a@example.org", "To: tim@shisaa.jp\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nX-Auto-Response-Suppress: OOFX\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nX-Auto-Response-Suppress: dr, oof\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nAuto-Submitted: no; comment\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nAuto-Submitted:  No\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nPrecedence: list \r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nPrecedence: BULK\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nList-Help: <mailto:x@example.net>\r\n"},
		{"foo-request-bar@example.org", "To: tim@shisaa.jp\r\n"},
		{"xowner-a@example.org", "To: tim@shisaa.jp\r\n"},
		{"owner-a@example.org", "To: tim@shisaa.jp\r\n"},
		{"Mailer-Daemon@example.org", "To: tim@shisaa.jp\r\n"},
		{"ALIAS@shisaa.jp", "To: tim@shisaa.jp\r\n"},
		{"a@example.org", "To: bad<<address, tim@shisaa.jp\r\n"},
		{"a@example.org", "To: Doe, John <tim@shisaa.jp>\r\n"},
		{"a@example.org", "To: grp: x@example.org, Alias@Shisaa.JP;\r\n"},
		{"a@example.org", "To: x@example.org\r\nResent-Bcc: tim@shisaa.jp\r\n"},
		{"a@example.org", "Delivered-To: tim@shisaa.jp\r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nSubject:   spaced   out  \r\n"},
		{"a@example.org", "To: tim@shisaa.jp\r\nSubject: =?iso-8859-1?q?caf=E9?= =?utf-8?q?_cr=C3=A8me?=\r\n"},
	}
	for _, row := range rows {
		msg := "From: x@example.org\r\nMessage-ID: <v@example.org>\r\n" + row.headers + "\r\nbody\r\n"
		msgPath := filepath.Join(work, "m.eml")
		require.NoError(t, os.WriteFile(msgPath, []byte(msg), 0o644))
		var out, errOut bytes.Buffer
		cmd := exec.CommandContext(t.Context(), bin, "-c", conf, "-e", "-f", row.from,
			"-a", "tim@shisaa.jp", "-r", "tim@shisaa.jp", scriptPath, msgPath)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		_ = cmd.Run()
		wantReply := strings.Contains(errOut.String(), "sent vacation response")

		res, err := s.Run(t.Context(), input(msg, filter.Envelope{From: row.from, To: "tim@shisaa.jp"}))
		require.NoError(t, err)
		v := vacations(res)
		name := row.from + " | " + row.headers
		if !assert.Equal(t, wantReply, len(v) == 1, name) || !wantReply {
			continue
		}
		assert.Equal(t, replySubject(out.String()), v[0].Subject, name)
	}
}

var replyEncodedWord = regexp.MustCompile(`=\?[^?]+\?[bBqQ]\?[^?]*\?=`)

// replySubject returns the decoded Subject of the vacation reply that
// sieve-test -e printed.
func replySubject(out string) string {
	i := strings.Index(out, "Auto-Submitted: auto-replied")
	if i < 0 {
		return ""
	}
	head := out[:i]
	j := strings.LastIndex(head, "\nSubject:")
	if j < 0 {
		return ""
	}
	line := head[j+len("\nSubject:"):]
	end := len(line)
	for k := 0; k < len(line); k++ {
		if line[k] == '\n' && (k+1 >= len(line) || (line[k+1] != ' ' && line[k+1] != '\t')) {
			end = k
			break
		}
	}
	v := strings.NewReplacer("\r", "", "\n\t", " ", "\n ", " ").Replace(line[:end])
	v = strings.TrimPrefix(v, " ")
	if replyEncodedWord.MatchString(v) {
		dec := mime.WordDecoder{CharsetReader: charset.Reader}
		if d, err := dec.DecodeHeader(v); err == nil {
			v = d
		}
	}
	return v
}
