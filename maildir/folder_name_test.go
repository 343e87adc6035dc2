package maildir

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncodeFolderName_valid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
		disk string
	}{
		{"Junk", Options{}, ".Junk"},
		{"Work/Projects", Options{}, ".Work.Projects"},
		{"Work.Projects", Options{Separator: '.'}, ".Work.Projects"},
		{"Entwürfe", Options{}, ".Entw&APw-rfe"},
		{"Entwürfe", Options{UTF8: true}, ".Entwürfe"},
		{"R&D/Q&A", Options{}, ".R&-D.Q&-A"},
		{"R&D/Q&A", Options{UTF8: true}, ".R&D.Q&A"},
		{"Inbox-old", Options{}, ".Inbox-old"},
		{"Sent Items", Options{}, ".Sent Items"},
		{"~x", Options{}, ".~x"},
		{"a/b/c/d", Options{}, ".a.b.c.d"},
		{strings.Repeat("x", 127), Options{}, "." + strings.Repeat("x", 127)},
		{strings.Repeat("x", 127) + "/" + strings.Repeat("y", 126), Options{},
			"." + strings.Repeat("x", 127) + "." + strings.Repeat("y", 126)},
	}
	for _, tt := range tests {
		t.Run(tt.disk, func(t *testing.T) {
			t.Parallel()
			disk, err := EncodeFolderName(tt.name, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.disk, disk)
			name, err := DecodeFolderName(disk, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.name, name)
		})
	}
}

func TestEncodeFolderName_refused(t *testing.T) {
	t.Parallel()
	dot := Options{Separator: '.'}
	tests := []struct {
		test, name string
		opts       Options
		reason     string
	}{
		{"empty", "", Options{}, "empty name"},
		{"inbox", "inbox", Options{}, "INBOX is not a folder"},
		{"inbox child", "INBOX/Junk", Options{}, "INBOX cannot have subfolders"},
		{"inbox child dot", "Inbox.Junk", dot, "INBOX cannot have subfolders"},
		{"dotdot", "..", Options{}, "relative path element"},
		{"dotdot segment", "a/../b", Options{}, "relative path element"},
		{"dot segment", "a/./b", Options{}, "relative path element"},
		{"dotdot with dot separator", "a..b", dot, "empty segment"},
		{"leading separator", "/Junk", Options{}, "empty segment"},
		{"trailing separator", "Junk/", Options{}, "empty segment"},
		{"doubled separator", "a//b", Options{}, "empty segment"},
		{"leading dot", ".Junk", Options{}, "starts with a dot"},
		{"leading dot with dot separator", ".Junk", dot, "empty segment"},
		{"dot inside", "v1.2", Options{}, "'.' inside a segment"},
		{"slash with dot separator", "a/b", dot, "'/' inside a segment"},
		{"escape with dot separator", "../../etc", dot, "empty segment"},
		{"escape", "../../etc", Options{}, "relative path element"},
		{"newline", "a\nb", Options{}, "control character"},
		{"NUL", "a\x00b", Options{}, "control character"},
		{"DEL", "a\x7fb", Options{}, "control character"},
		{"C1", "a\u0085b", Options{}, "control character"},
		{"star", "a*", Options{}, "wildcard"},
		{"percent", "100%", Options{}, "wildcard"},
		{"bad UTF-8", "a\xffb", Options{}, "not valid UTF-8"},
		{"long segment", strings.Repeat("x", 128), Options{}, "segment is longer than 127 bytes"},
		{"long encoded segment", strings.Repeat("ü", 50), Options{}, "segment is longer than 127 bytes"},
		{"long name", strings.Repeat(strings.Repeat("x", 100)+"/", 2) + strings.Repeat("x", 53), Options{}, "longer than 255 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.test, func(t *testing.T) {
			t.Parallel()
			_, err := EncodeFolderName(tt.name, tt.opts)
			require.ErrorIs(t, err, ErrBadFolderName)
			var fe *FolderNameError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.name, fe.Name)
			assert.Contains(t, fe.Reason, tt.reason)
			assert.Contains(t, err.Error(), "maildir: folder name")
		})
	}
}

func TestDecodeFolderName_refused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		disk string
		opts Options
	}{
		{"", Options{}},
		{".", Options{}},
		{"Junk", Options{}},
		{"..", Options{}},
		{".a..b", Options{}},
		{".Junk.", Options{}},
		{".Entwürfe", Options{}},                // 8-bit, not modified UTF-7
		{".Entw&APw", Options{}},                // unterminated
		{".R&D", Options{}},                     // bare '&'
		{".INBOX", Options{}},                   // the INBOX is no folder
		{".INBOX.Junk", Options{}},              // nor has children
		{".a&AC8-b", Options{}},                 // '/' hidden in a run
		{".a*", Options{}},                      // wildcard
		{".a\xffb", Options{UTF8: true}},        // bad UTF-8
		{".Work/Projects", Options{UTF8: true}}, // '/' on disk
		{".DOVECOT-TRASHED", Options{}},         // fine: a plain name
		{".Entw&APw-rfe", Options{UTF8: true}},  // fine: '&' is literal in UTF-8 mode
		{"." + strings.Repeat("x", 128), Options{}},
	}
	valid := map[string]string{".DOVECOT-TRASHED": "DOVECOT-TRASHED", ".Entw&APw-rfe": "Entw&APw-rfe"}
	for _, tt := range tests {
		t.Run(tt.disk, func(t *testing.T) {
			t.Parallel()
			name, err := DecodeFolderName(tt.disk, tt.opts)
			if want, ok := valid[tt.disk]; ok {
				require.NoError(t, err)
				assert.Equal(t, want, name)
				return
			}
			require.ErrorIs(t, err, ErrBadFolderName)
		})
	}
}

func TestMaildir_Folder(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "alice")
	m, err := New(root, Options{Hostname: "h"})
	require.NoError(t, err)
	for _, name := range []string{"", "INBOX", "inbox", "InBoX"} {
		d, err := m.Folder(name)
		require.NoError(t, err)
		assert.Equal(t, "INBOX", d.Name())
		assert.Equal(t, root, d.Path())
	}
	d, err := m.Folder("Work/Entwürfe")
	require.NoError(t, err)
	assert.Equal(t, "Work/Entwürfe", d.Name())
	assert.Equal(t, filepath.Join(root, ".Work.Entw&APw-rfe"), d.Path())
	assert.Same(t, m, d.Maildir())
	assert.NoDirExists(t, root, "Folder must not touch the disk")
	_, err = m.Folder("a/../../b")
	require.ErrorIs(t, err, ErrBadFolderName)
}
