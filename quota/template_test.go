package quota_test

import (
	"bytes"
	"io"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/quota"
)

var warnTime = time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)

func renderFile(t *testing.T, name string, vars quota.TemplateVars) []byte {
	t.Helper()
	tpl, err := quota.ReadTemplate(filepath.Join("testdata", name))
	require.NoError(t, err)
	return tpl.Render(vars, warnTime, "mx.example.org")
}

func TestTemplate_Render(t *testing.T) {
	t.Parallel()
	got := renderFile(t, "quotawarnmsg", quota.TemplateVars{Address: "bob@example.org", Percent: 93, Threshold: 90,
		Limit: quota.Usage{Bytes: 100_000_000, Messages: 1000}})
	want := "Date: Sat, 21 Nov 2026 08:00:00 +0000\n" +
		"Message-ID: <1795248000.overquota@mx.example.org>\n" +
		"From: Mail Delivery System <MAILER-DAEMON@example.org>\n" +
		"Reply-To: postmaster@example.org\n" +
		"To: bob@example.org\n" +
		"Subject: Your mailbox is 93% full\n" +
		"\n" +
		"Your mailbox bob@example.org is 93% full (limit: 100 MB, 1000 messages).\n" +
		"Please delete some messages, or new mail will be refused.\n"
	assert.Equal(t, want, string(got))
}

func TestTemplate_keepsDateAndMessageID(t *testing.T) {
	t.Parallel()
	got := renderFile(t, "quotawarnmsg-dated", quota.TemplateVars{})
	b, err := os.ReadFile(filepath.Join("testdata", "quotawarnmsg-dated"))
	require.NoError(t, err)
	assert.Equal(t, string(b), string(got))
}

func TestTemplate_headerInjection(t *testing.T) {
	t.Parallel()
	got := renderFile(t, "quotawarnmsg", quota.TemplateVars{Address: "x@example.org\r\nBcc: evil@example.net"})
	msg, err := mail.ReadMessage(bytes.NewReader(got))
	require.NoError(t, err)
	assert.Empty(t, msg.Header.Get("Bcc"))
	assert.Equal(t, "x@example.orgBcc: evil@example.net", msg.Header.Get("To"))
}

// TestTemplate_everythingIsInTheHeaders is the seed's complaint: "I don't
// get the body off the message, everything is in the headers". Whatever
// the line ends and the separator look like, the body must come out as the
// body of a well-formed message.
func TestTemplate_everythingIsInTheHeaders(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"quotawarnmsg-crlf", "quotawarnmsg-blankline", "quotawarnmsg-noblank"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := renderFile(t, name, quota.TemplateVars{})
			if name == "quotawarnmsg-crlf" {
				assert.NotContains(t, strings.ReplaceAll(string(got), "\r\n", ""), "\n", "CRLF kept throughout")
			} else {
				assert.NotContains(t, string(got), "\r")
			}
			msg, err := mail.ReadMessage(bytes.NewReader(got))
			require.NoError(t, err)
			assert.Equal(t, "Mail quota warning", msg.Header.Get("Subject"))
			assert.NotEmpty(t, msg.Header.Get("Date"))
			assert.Equal(t, "<1795248000.overquota@mx.example.org>", msg.Header.Get("Message-Id"))
			body, err := io.ReadAll(msg.Body)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(string(body), "Your mailbox on the server is now more than 90% full."), "%q", body)
			for key := range msg.Header {
				assert.Contains(t, []string{"Date", "Message-Id", "From", "To", "Subject"}, key, "body line read as a header")
			}
		})
	}
}

func TestParseTemplate_errors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "\n\nbody\n", "just text\n", " continuation first: x\n"} {
		_, err := quota.ParseTemplate([]byte(in))
		assert.Error(t, err, "%q", in)
	}
	tpl, err := quota.ParseTemplate([]byte("\xef\xbb\xbfSubject: bom\n\nbody"))
	require.NoError(t, err)
	assert.Contains(t, string(tpl.Render(quota.TemplateVars{}, warnTime, "h")), "Subject: bom\n\nbody\n")
}
