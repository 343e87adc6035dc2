package maildir_test

import (
	"io"
	"strings"
	"testing"

	gomaildir "github.com/emersion/go-maildir"
	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeliver_goMaildirReads checks that go-maildir, a reader others use,
// finds delivered messages by key and understands their flags.
func TestDeliver_goMaildirReads(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{Hostname: "mx/1:a"})
	ctx := t.Context()
	unseen, err := m.Inbox().Deliver(ctx, strings.NewReader("one\n"), maildir.DeliverOptions{})
	require.NoError(t, err)
	seen, err := m.Inbox().Deliver(ctx, strings.NewReader("two\n"), maildir.DeliverOptions{Flags: "SF"})
	require.NoError(t, err)

	d := gomaildir.Dir(m.Root())
	msgs, err := d.Messages() // cur/ only
	require.NoError(t, err)
	require.Len(t, msgs, 1)
	assert.Equal(t, seen.Key, msgs[0].Key())
	assert.Equal(t, []gomaildir.Flag{gomaildir.FlagFlagged, gomaildir.FlagSeen}, msgs[0].Flags())

	news, err := d.Unseen() // moves new/ to cur/, as a mail reader does
	require.NoError(t, err)
	require.Len(t, news, 1)
	assert.Equal(t, unseen.Key, news[0].Key())
	rc, err := news[0].Open()
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, "one\n", string(b))
}
