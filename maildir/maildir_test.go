package maildir_test

import (
	"io/fs"
	"testing"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew_refusesBadOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		root string
		opts maildir.Options
	}{
		{"empty root", "", maildir.Options{}},
		{"setuid dir mode", "/m", maildir.Options{DirMode: fs.ModeSetuid | 0o700}},
		{"separator", "/m", maildir.Options{Separator: ':'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := maildir.New(tt.root, tt.opts)
			require.Error(t, err)
		})
	}
}

func TestInbox(t *testing.T) {
	t.Parallel()
	m, err := maildir.New("/var/vmail/example.org/bob", maildir.Options{})
	require.NoError(t, err)
	inbox := m.Inbox()
	assert.Equal(t, "INBOX", inbox.Name())
	assert.Equal(t, "/var/vmail/example.org/bob", inbox.Path())
	assert.Same(t, m, inbox.Maildir())
}
