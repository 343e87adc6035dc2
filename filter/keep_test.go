package filter_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

func TestRun_storeKeepMarker(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []filter.Action // positions cleared
	}{
		{"implicit keep", `# nothing`, []filter.Action{filter.Store{Mailbox: "INBOX", Keep: true}}},
		{"explicit keep", `keep;`, []filter.Action{filter.Store{Mailbox: "INBOX", Keep: true}}},
		{"fileinto INBOX", `require "fileinto"; fileinto "INBOX";`, []filter.Action{filter.Store{Mailbox: "INBOX"}}},
		{"keep merged with fileinto INBOX", `require "fileinto"; keep; fileinto "inbox";`,
			[]filter.Action{filter.Store{Mailbox: "INBOX"}}},
		{"fileinto copy INBOX beside the implicit keep", `require ["fileinto", "copy"]; fileinto :copy "INBOX";`,
			[]filter.Action{filter.Store{Mailbox: "INBOX"}}},
		{"other mailbox", `require "fileinto"; fileinto "Work"; keep;`,
			[]filter.Action{filter.Store{Mailbox: "Work"}, filter.Store{Mailbox: "INBOX", Keep: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := runMsg(t, tt.src, testMessage)
			require.NoError(t, err)
			assert.Equal(t, tt.want, brief(res.Actions))
		})
	}
}

func TestRun_initialFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		src   string
		flags []string
		want  []string
	}{
		{"nil is none", `keep;`, nil, nil},
		{"reach the implicit keep", `# nothing`, []string{"$A", `\seen`}, []string{"$A", `\Seen`}},
		{"removeflag sees them", `require "imap4flags"; removeflag "$a";`, []string{"$A", `\Seen`}, []string{`\Seen`}},
		{"addflag adds to them", `require "imap4flags"; addflag "$B";`, []string{"$A"}, []string{"$A", "$B"}},
		{"setflag replaces them", `require "imap4flags"; setflag "$C"; keep;`, []string{"$A"}, []string{"$C"}},
		{"keep :flags ignores them", `require "imap4flags"; keep :flags "$D";`, []string{"$A"}, []string{"$D"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := compile(t, tt.src, filter.CompileOptions{})
			in := input(testMessage, testEnvelope)
			in.Flags = tt.flags
			given := append([]string(nil), tt.flags...)
			res, err := s.Run(t.Context(), in)
			require.NoError(t, err)
			require.Len(t, res.Actions, 1)
			assert.Equal(t, tt.want, res.Actions[0].(filter.Store).Flags)
			assert.Equal(t, given, tt.flags, "Input.Flags is not modified")
		})
	}
}
