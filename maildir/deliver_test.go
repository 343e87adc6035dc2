package maildir_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/letterbox-mail/letterbox/maildir"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newMaildir creates a maildir in a fresh temporary directory.
func newMaildir(t testing.TB, opts maildir.Options) *maildir.Maildir {
	t.Helper()
	if opts.Hostname == "" {
		opts.Hostname = "mx1.example.org"
	}
	m, err := maildir.New(filepath.Join(t.TempDir(), "example.org", "bob"), opts)
	require.NoError(t, err)
	require.NoError(t, m.Create())
	return m
}

// entries lists the names in dir/sub.
func entries(t testing.TB, dir, sub string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(dir, sub))
	require.NoError(t, err)
	names := make([]string, 0, len(es))
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestDeliver(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, flags, uniq string
		wantSub, wantInfo       string
		wantVSize               int64
	}{
		{name: "lf", body: "Subject: hi\n\nhello\n", wantSub: "new", wantVSize: 22},
		{name: "crlf", body: "Subject: hi\r\n\r\nhello\r\n", wantSub: "new", wantVSize: 22},
		{name: "mixed", body: "a\r\nb\nc", wantSub: "new", wantVSize: 7},
		{name: "empty", body: "", wantSub: "new", wantVSize: 0},
		{name: "flags sorted", body: "x\n", flags: "SFS", wantSub: "cur", wantInfo: ":2,FS", wantVSize: 3},
		{name: "uniq", body: "x\n", uniq: "warn", wantSub: "new", wantVSize: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newMaildir(t, maildir.Options{})
			msg, err := m.Inbox().Deliver(t.Context(), strings.NewReader(tt.body), maildir.DeliverOptions{Flags: tt.flags, Uniq: tt.uniq})
			require.NoError(t, err)
			assert.Equal(t, int64(len(tt.body)), msg.Size)
			assert.Equal(t, filepath.Join(m.Root(), tt.wantSub, msg.Key+tt.wantInfo), msg.Path)
			got, err := os.ReadFile(msg.Path)
			require.NoError(t, err)
			assert.Equal(t, tt.body, string(got))
			assert.Empty(t, entries(t, m.Root(), "tmp"))
			n, err := maildir.ParseName(filepath.Base(msg.Path))
			require.NoError(t, err)
			assert.Equal(t, int64(len(tt.body)), n.Size)
			assert.Equal(t, tt.wantVSize, n.VSize)
			assert.Equal(t, "mx1.example.org", n.Host)
			assert.Equal(t, os.Getpid(), n.PID)
			assert.Equal(t, tt.uniq, n.Uniq)
			assert.Equal(t, strings.TrimPrefix(tt.wantInfo, ":2,"), n.Flags)
		})
	}
}

func TestDeliver_errors(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{})
	ctx := t.Context()
	_, err := m.Inbox().Deliver(ctx, strings.NewReader("x"), maildir.DeliverOptions{Flags: "S1"})
	require.ErrorIs(t, err, maildir.ErrBadFlags)
	_, err = m.Inbox().Deliver(ctx, strings.NewReader("x"), maildir.DeliverOptions{Uniq: "a.b"})
	require.ErrorIs(t, err, maildir.ErrBadUniq)
	_, err = maildir.Dir{}.Deliver(ctx, strings.NewReader("x"), maildir.DeliverOptions{})
	require.Error(t, err)
	_, err = m.Inbox().Deliver(ctx, nil, maildir.DeliverOptions{})
	require.Error(t, err)
	assertNothingLeft(t, m.Root())

	missing, err := maildir.New(filepath.Join(t.TempDir(), "nope"), maildir.Options{})
	require.NoError(t, err)
	_, err = missing.Inbox().Deliver(ctx, strings.NewReader("x"), maildir.DeliverOptions{})
	require.ErrorIs(t, err, fs.ErrNotExist)
}

// assertNothingLeft asserts that tmp/, new/ and cur/ of dir are empty.
func assertNothingLeft(t *testing.T, dir string) {
	t.Helper()
	for _, sub := range []string{"tmp", "new", "cur"} {
		assert.Empty(t, entries(t, dir, sub), sub)
	}
}

// cancelReader cancels its context after the first Read.
type cancelReader struct {
	r      io.Reader
	cancel context.CancelFunc
}

func (c cancelReader) Read(p []byte) (int, error) {
	defer c.cancel()
	return c.r.Read(p[:min(len(p), 10)])
}

func TestDeliver_abortsBeforeCommit(t *testing.T) {
	t.Parallel()
	errRead := errors.New("connection reset")
	tests := []struct {
		name    string
		reader  func(cancel context.CancelFunc) io.Reader
		want    error
		precede bool // cancel before Deliver starts
	}{
		{name: "cancelled before", reader: func(context.CancelFunc) io.Reader { return strings.NewReader("x") }, want: context.Canceled, precede: true},
		{name: "cancelled while streaming", reader: func(c context.CancelFunc) io.Reader {
			return cancelReader{r: strings.NewReader(strings.Repeat("line\n", 100)), cancel: c}
		}, want: context.Canceled},
		{name: "cancelled at end of stream", reader: func(c context.CancelFunc) io.Reader {
			return cancelReader{r: strings.NewReader("short"), cancel: c}
		}, want: context.Canceled},
		{name: "reader fails", reader: func(context.CancelFunc) io.Reader {
			return io.MultiReader(strings.NewReader("part"), iotest.ErrReader(errRead))
		}, want: errRead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newMaildir(t, maildir.Options{})
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tt.precede {
				cancel()
			}
			_, err := m.Inbox().Deliver(ctx, tt.reader(cancel), maildir.DeliverOptions{Flags: "S"})
			require.ErrorIs(t, err, tt.want)
			assertNothingLeft(t, m.Root())
		})
	}
}

func TestDeliver_refusesSymlinks(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ link, flags string }{
		{"tmp", ""}, {"new", ""}, {"cur", "S"}, {".Junk", ""}, {".Junk/tmp", ""},
	} {
		t.Run(tt.link, func(t *testing.T) {
			t.Parallel()
			m := newMaildir(t, maildir.Options{})
			junk, err := m.CreateFolder("Junk")
			require.NoError(t, err)
			outside := t.TempDir()
			for _, sub := range []string{"tmp", "new", "cur"} {
				require.NoError(t, os.Mkdir(filepath.Join(outside, sub), 0o700))
			}
			target := filepath.Join(m.Root(), tt.link)
			require.NoError(t, os.RemoveAll(target))
			evil := outside
			if filepath.Base(tt.link) != ".Junk" {
				evil = filepath.Join(outside, filepath.Base(tt.link))
			}
			require.NoError(t, os.Symlink(evil, target))
			dir := m.Inbox()
			if strings.HasPrefix(tt.link, ".Junk") {
				dir = junk
			}
			_, err = dir.Deliver(t.Context(), strings.NewReader("x"), maildir.DeliverOptions{Flags: tt.flags})
			require.ErrorIs(t, err, maildir.ErrSymlink)
			assertNothingLeft(t, outside)
		})
	}
}

// TestDeliver_symlinkedRoot: the root given to New may be a link (an
// administrator's choice, e.g. /var/vmail → /srv/vmail).
func TestDeliver_symlinkedRoot(t *testing.T) {
	t.Parallel()
	real := newMaildir(t, maildir.Options{})
	link := filepath.Join(t.TempDir(), "bob")
	require.NoError(t, os.Symlink(real.Root(), link))
	m, err := maildir.New(link, maildir.Options{})
	require.NoError(t, err)
	require.NoError(t, m.Create())
	msg, err := m.Inbox().Deliver(t.Context(), strings.NewReader("x"), maildir.DeliverOptions{})
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(real.Root(), "new", msg.Key))
}

func TestDeliver_dirMode(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{DirMode: 0o770})
	for _, p := range []string{m.Root(), filepath.Join(m.Root(), "new"), filepath.Dir(m.Root())} {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, fs.ModeDir|0o770, fi.Mode(), p)
	}
	msg, err := m.Inbox().Deliver(t.Context(), strings.NewReader("x"), maildir.DeliverOptions{})
	require.NoError(t, err)
	fi, err := os.Stat(msg.Path)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o660), fi.Mode())
}

func TestDeliver_folder(t *testing.T) {
	t.Parallel()
	m := newMaildir(t, maildir.Options{})
	dir, err := m.CreateFolder("Work/Projects")
	require.NoError(t, err)
	msg, err := dir.Deliver(t.Context(), strings.NewReader("x\n"), maildir.DeliverOptions{Flags: "S"})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(m.Root(), ".Work.Projects", "cur", msg.Key+":2,S"), msg.Path)
	assert.FileExists(t, msg.Path)
	assert.Empty(t, entries(t, m.Root(), "cur"))
}
