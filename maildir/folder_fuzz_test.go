package maildir

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fuzzCodecs are the four option combinations folder names depend on.
var fuzzCodecs = []folderCodec{{'/', false}, {'.', false}, {'/', true}, {'.', true}}

// FuzzFolderName: encoding never panics, and every accepted name decodes
// back to itself from a directory name that stays within one path element.
func FuzzFolderName(f *testing.F) {
	for _, s := range []string{"Junk", "Work/Projects", "Work.Projects", "Entwürfe", "R&D", "&-",
		"..", "a/../b", ".Junk", "INBOX/x", "a\x00b", "😀/台北", "a*", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, c := range fuzzCodecs {
			disk, err := c.encode(name)
			if err != nil {
				require.ErrorIs(t, err, ErrBadFolderName)
				continue
			}
			require.True(t, utf8.ValidString(name))
			require.LessOrEqual(t, len(disk), MaxFolderNameBytes)
			assert.NotContains(t, disk, "/")
			assert.NotContains(t, disk, "..")
			assert.NotContains(t, disk, "\x00")
			back, err := c.decode(disk)
			require.NoError(t, err, "disk name %q", disk)
			require.Equal(t, name, back)
		}
	})
}

// FuzzDecodeFolderName: decoding never panics, and every accepted
// directory name is canonical: it encodes back to the same bytes.
func FuzzDecodeFolderName(f *testing.F) {
	for _, s := range []string{".Junk", ".Work.Projects", ".Entw&APw-rfe", ".R&-D", ".&AGE-", ".a..b",
		".INBOX", ".Entwürfe", ".&2D3eAA-", ".&2D0-", "Junk", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, disk string) {
		for _, c := range fuzzCodecs {
			name, err := c.decode(disk)
			if err != nil {
				require.ErrorIs(t, err, ErrBadFolderName)
				continue
			}
			again, err := c.encode(name)
			require.NoError(t, err)
			require.Equal(t, disk, again)
		}
	})
}

// FuzzMUTF7: decode(encode(s)) == s for valid UTF-8, and every accepted
// modified UTF-7 string is canonical.
func FuzzMUTF7(f *testing.F) {
	for _, s := range []string{"", "Entwürfe", "Entw&APw-rfe", "&-", "&U,BTFw-", "&AGE-", "😀", "&2D3eAA-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) {
			got, err := decodeMUTF7(encodeMUTF7(s))
			require.NoError(t, err)
			require.Equal(t, s, got)
		}
		if dec, err := decodeMUTF7(s); err == nil {
			require.Equal(t, s, encodeMUTF7(dec))
		}
	})
}

// FuzzSubscriptionLine: parsing a line of any subscription format never
// panics, and a line understood as a name is that name's canonical line.
func FuzzSubscriptionLine(f *testing.F) {
	for _, s := range []string{"INBOX", "inbox.Junk", "INBOX.Entw&APw-rfe", "Work\tProjects", "Work/Projects",
		"Work.Projects", "\x01t", "INBOX.", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, c := range fuzzCodecs {
			for _, fm := range []subsFormat{{courier: true, c: c}, {v2: true, c: c}, {c: c}} {
				name := fm.nameOf(line)
				if name == "" || name == inboxName {
					continue
				}
				require.True(t, fm.sameLine(fm.lineOf(name), line), "%q -> %q", line, name)
			}
		}
	})
}
