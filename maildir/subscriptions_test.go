package maildir

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaildir_Subscribe_newFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		test             string
		opts             Options
		dovecot, courier string // "" = file must not exist
	}{
		{"both", Options{},
			"V\t2\n\nJunk\nEntw&APw-rfe\nWork\tProjects\nINBOX\n",
			"INBOX.Junk\nINBOX.Entw&APw-rfe\nINBOX.Work.Projects\nINBOX\n"},
		{"dot separator", Options{Separator: '.'},
			"V\t2\n\nJunk\nEntw&APw-rfe\nWork\tProjects\nINBOX\n",
			"INBOX.Junk\nINBOX.Entw&APw-rfe\nINBOX.Work.Projects\nINBOX\n"},
		{"UTF-8", Options{UTF8: true},
			"V\t2\n\nJunk\nEntwürfe\nWork\tProjects\nINBOX\n",
			"INBOX.Junk\nINBOX.Entwürfe\nINBOX.Work.Projects\nINBOX\n"},
		{"Dovecot only", Options{Subscriptions: SubscribeDovecot},
			"V\t2\n\nJunk\nEntw&APw-rfe\nWork\tProjects\nINBOX\n", ""},
		{"Courier only", Options{Subscriptions: SubscribeCourier},
			"", "INBOX.Junk\nINBOX.Entw&APw-rfe\nINBOX.Work.Projects\nINBOX\n"},
	}
	for _, tt := range tests {
		t.Run(tt.test, func(t *testing.T) {
			t.Parallel()
			m := newTestMaildir(t, tt.opts)
			require.NoError(t, m.Create())
			work := "Work/Projects"
			if tt.opts.Separator == '.' {
				work = "Work.Projects"
			}
			for range 2 { // idempotent
				for _, n := range []string{"Junk", "Entwürfe", work, "inbox"} {
					require.NoError(t, m.Subscribe(n))
				}
			}
			for file, want := range map[string]string{dovecotSubsFile: tt.dovecot, courierSubsFile: tt.courier} {
				if want == "" {
					assert.NoFileExists(t, filepath.Join(m.Root(), file))
					continue
				}
				assert.Equal(t, want, readFile(t, filepath.Join(m.Root(), file)), file)
			}
			subs, err := m.Subscriptions()
			require.NoError(t, err)
			assert.Equal(t, []string{"Entwürfe", "INBOX", "Junk", work}, subs)
			assert.NoFileExists(t, filepath.Join(m.Root(), dovecotDotlock), "Dovecot's lock must not be left")
		})
	}
}

func TestMaildir_Subscribe_keepsExistingFormatAndLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		test, file, before string
		opts               Options
		after              string
	}{
		{"Dovecot v1 stays v1", dovecotSubsFile, "Junk\nTrash\n", Options{},
			"Junk\nTrash\nWork/Projects\nEntw&APw-rfe\n"},
		{"Dovecot v1 with dot separator", dovecotSubsFile, "Junk\n", Options{Separator: '.'},
			"Junk\nWork.Projects\nEntw&APw-rfe\n"},
		{"Dovecot v1 without final newline", dovecotSubsFile, "Junk", Options{},
			"Junk\nWork/Projects\nEntw&APw-rfe\n"},
		{"Dovecot v2 unknown lines kept", dovecotSubsFile,
			"V\t2\n\nweird\x01t\x01x\nJunk\n\nbad&name\n", Options{},
			"V\t2\n\nweird\x01t\x01x\nJunk\n\nbad&name\nWork\tProjects\nEntw&APw-rfe\n"},
		{"empty file becomes v2", dovecotSubsFile, "", Options{},
			"V\t2\n\nWork\tProjects\nEntw&APw-rfe\n"},
		{"Courier unknown lines kept", courierSubsFile,
			"#shared.Public\ninbox.Work.Projects\nINBOX.Entwürfe\nJunk\n", Options{Subscriptions: SubscribeCourier},
			"#shared.Public\ninbox.Work.Projects\nINBOX.Entwürfe\nJunk\nINBOX.Entw&APw-rfe\n"},
		{"Courier UTF-8", courierSubsFile, "INBOX.Entwürfe\n", Options{UTF8: true, Subscriptions: SubscribeCourier},
			"INBOX.Entwürfe\nINBOX.Work.Projects\n"},
		{"duplicates collapse", dovecotSubsFile, "V\t2\n\nJunk\nJunk\nWork\tProjects\n", Options{},
			"V\t2\n\nJunk\nWork\tProjects\nEntw&APw-rfe\n"},
	}
	for _, tt := range tests {
		t.Run(tt.test, func(t *testing.T) {
			t.Parallel()
			m := newTestMaildir(t, tt.opts)
			require.NoError(t, m.Create())
			path := filepath.Join(m.Root(), tt.file)
			require.NoError(t, os.WriteFile(path, []byte(tt.before), 0o600))
			work := "Work/Projects"
			if tt.opts.Separator == '.' {
				work = "Work.Projects"
			}
			require.NoError(t, m.Subscribe(work))
			require.NoError(t, m.Subscribe("Entwürfe"))
			assert.Equal(t, tt.after, readFile(t, path))
		})
	}
}

func TestMaildir_Subscribe_unchangedFileNotRewritten(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	require.NoError(t, m.Create())
	require.NoError(t, m.Subscribe("Junk"))
	before := map[string]os.FileInfo{}
	for _, f := range []string{dovecotSubsFile, courierSubsFile} {
		fi, err := os.Stat(filepath.Join(m.Root(), f))
		require.NoError(t, err)
		before[f] = fi
	}
	require.NoError(t, m.Subscribe("Junk"))
	require.NoError(t, m.Unsubscribe("Nope"))
	for f, fi := range before {
		after, err := os.Stat(filepath.Join(m.Root(), f))
		require.NoError(t, err)
		assert.True(t, os.SameFile(fi, after), "%s was rewritten", f)
	}
}

func TestMaildir_Unsubscribe(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	require.NoError(t, m.Create())
	require.NoError(t, os.WriteFile(filepath.Join(m.Root(), courierSubsFile),
		[]byte("INBOX.Junk\nshared.x\nINBOX.Sent\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(m.Root(), dovecotSubsFile),
		[]byte("V\t2\n\nJunk\nSent\n\x01x\n"), 0o600))
	require.NoError(t, m.Unsubscribe("Junk"))
	assert.Equal(t, "shared.x\nINBOX.Sent\n", readFile(t, filepath.Join(m.Root(), courierSubsFile)))
	assert.Equal(t, "V\t2\n\nSent\n\x01x\n", readFile(t, filepath.Join(m.Root(), dovecotSubsFile)))
	subs, err := m.Subscriptions()
	require.NoError(t, err)
	assert.Equal(t, []string{"Sent"}, subs)
	require.ErrorIs(t, m.Unsubscribe("a//b"), ErrBadFolderName)
	require.ErrorIs(t, m.Subscribe(".hidden"), ErrBadFolderName)
}

func TestMaildir_Subscribe_breaksStaleDovecotLock(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{Subscriptions: SubscribeDovecot})
	require.NoError(t, m.Create())
	lock := filepath.Join(m.Root(), dovecotDotlock)
	require.NoError(t, os.WriteFile(lock, []byte("123:otherhost"), 0o600))
	old := time.Now().Add(-2 * dotlockStale)
	require.NoError(t, os.Chtimes(lock, old, old))
	require.NoError(t, m.Subscribe("Junk"))
	assert.Equal(t, "V\t2\n\nJunk\n", readFile(t, filepath.Join(m.Root(), dovecotSubsFile)))
	assert.NoFileExists(t, lock)
}

func TestMaildir_Subscribe_missingMaildir(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{})
	require.Error(t, m.Subscribe("Junk"))
	subs, err := m.Subscriptions()
	require.NoError(t, err)
	assert.Empty(t, subs)
}

func TestDovecotEscape(t *testing.T) {
	t.Parallel()
	raw := "a\x01b\tc\rd\ne"
	esc := escapeDovecot(raw)
	assert.Equal(t, "a\x011b\x01tc\x01rd\x01ne", esc)
	assert.Equal(t, raw, unescapeDovecot(esc))
}

func TestMaildir_Subscribe_refusesSymlinkedFile(t *testing.T) {
	t.Parallel()
	for _, file := range []string{dovecotSubsFile, courierSubsFile} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			m := newTestMaildir(t, Options{})
			require.NoError(t, m.Create())
			secret := filepath.Join(t.TempDir(), "secret")
			require.NoError(t, os.WriteFile(secret, []byte("root:x:0:0\n"), 0o600))
			require.NoError(t, os.Symlink(secret, filepath.Join(m.Root(), file)))
			require.ErrorIs(t, m.Subscribe("Junk"), ErrSymlink)
			_, err := m.Subscriptions()
			require.ErrorIs(t, err, ErrSymlink)
			assert.Equal(t, "root:x:0:0\n", readFile(t, secret))
		})
	}
}
