package maildir

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMaildir_CreateSpecialFolders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		test    string
		special []string
		folders []string
		dovecot string
	}{
		{"default", nil, []string{"Drafts", "Junk", "Sent", "Trash"},
			"V\t2\n\nDrafts\nJunk\nSent\nTrash\n"},
		{"configured", []string{"Spam", "Gesendete Objekte", "Archive/2026"},
			[]string{"Archive/2026", "Gesendete Objekte", "Spam"},
			"V\t2\n\nSpam\nGesendete Objekte\nArchive\t2026\n"},
		{"none", []string{}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.test, func(t *testing.T) {
			t.Parallel()
			m := newTestMaildir(t, Options{SpecialFolders: tt.special})
			var wg sync.WaitGroup
			errs := make([]error, 8)
			for i := range errs {
				wg.Go(func() { errs[i] = m.CreateSpecialFolders() })
			}
			wg.Wait()
			for _, err := range errs {
				require.NoError(t, err)
			}
			folders, err := m.Folders()
			require.NoError(t, err)
			assert.Equal(t, tt.folders, names(folders))
			for _, f := range folders {
				assertFolder(t, f.Path())
			}
			if tt.dovecot == "" {
				assert.NoFileExists(t, filepath.Join(m.Root(), dovecotSubsFile))
				return
			}
			assert.Equal(t, tt.dovecot, readFile(t, filepath.Join(m.Root(), dovecotSubsFile)))
			subs, err := m.Subscriptions()
			require.NoError(t, err)
			assert.ElementsMatch(t, tt.folders, subs)
		})
	}
}

func TestMaildir_CreateSpecialFolders_badName(t *testing.T) {
	t.Parallel()
	m := newTestMaildir(t, Options{SpecialFolders: []string{"Junk", "../Sent"}})
	require.ErrorIs(t, m.CreateSpecialFolders(), ErrBadFolderName)
	assert.NoDirExists(t, m.Root(), "nothing is created when a name is bad")
}
