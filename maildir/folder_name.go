package maildir

import (
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// MaxFolderSegmentBytes is the longest one hierarchy level of a folder
	// name may be on disk, after encoding (the "Projects" of
	// ".Work.Projects").
	MaxFolderSegmentBytes = 127

	// MaxFolderNameBytes is the longest the on-disk directory name of a
	// folder may be, leading dot and inner dots included: NAME_MAX on
	// Linux and the BSDs.
	MaxFolderNameBytes = 255
)

// folderCodec maps IMAP folder names to Maildir++ directory names.
type folderCodec struct {
	sep  rune // IMAP hierarchy separator: '/' or '.'
	utf8 bool // UTF-8 on disk instead of modified UTF-7
}

func (m *Maildir) codec() folderCodec {
	return folderCodec{sep: m.opts.Separator, utf8: m.opts.UTF8}
}

// codecOf normalises the two fields of opts that folder names depend on.
func codecOf(opts Options) folderCodec {
	c := folderCodec{sep: opts.Separator, utf8: opts.UTF8}
	if c.sep == 0 {
		c.sep = '/'
	}
	return c
}

// EncodeFolderName returns the Maildir++ directory name (".Work.Projects",
// ".Entw&APw-rfe") of the IMAP folder name, written with
// opts.Separator and stored in modified UTF-7 or, with opts.UTF8, in
// UTF-8. Only Separator and UTF8 of opts are used. It returns a
// *FolderNameError (errors.Is ErrBadFolderName) for names that are empty,
// name the INBOX, or have an empty segment, a "." or ".." segment, a '.'
// or '/' inside a segment, a control character, an IMAP wildcard ('*',
// '%'), invalid UTF-8, or are longer on disk than MaxFolderSegmentBytes
// per segment or MaxFolderNameBytes in all.
func EncodeFolderName(name string, opts Options) (string, error) {
	return codecOf(opts).encode(name)
}

// DecodeFolderName is the inverse of EncodeFolderName: it returns the IMAP
// name of a Maildir++ directory name such as ".Entw&APw-rfe". It accepts
// only what EncodeFolderName produces, so that the result encodes back to
// the same bytes, and returns a *FolderNameError otherwise.
func DecodeFolderName(dirName string, opts Options) (string, error) {
	return codecOf(opts).decode(dirName)
}

// encode validates name and returns its directory name.
func (c folderCodec) encode(name string) (string, error) {
	segs, err := c.split(name)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, s := range segs {
		enc := c.encodeSegment(s)
		if len(enc) > MaxFolderSegmentBytes {
			return "", &FolderNameError{Name: name, Reason: "a segment is longer than 127 bytes on disk"}
		}
		b.WriteByte('.')
		b.WriteString(enc)
	}
	if b.Len() > MaxFolderNameBytes {
		return "", &FolderNameError{Name: name, Reason: "longer than 255 bytes on disk"}
	}
	return b.String(), nil
}

// decode returns the IMAP name of a directory name.
func (c folderCodec) decode(dirName string) (string, error) {
	bad := func(reason string) (string, error) {
		return "", &FolderNameError{Name: dirName, Reason: reason}
	}
	if len(dirName) < 2 || dirName[0] != '.' {
		return bad("not a Maildir++ folder directory")
	}
	encSegs := strings.Split(dirName[1:], ".")
	segs := make([]string, len(encSegs))
	for i, e := range encSegs {
		s, err := c.decodeSegment(e)
		if err != nil {
			return bad(err.Error())
		}
		segs[i] = s
	}
	name := strings.Join(segs, string(c.sep))
	again, err := c.encode(name)
	if err != nil {
		return "", &FolderNameError{Name: dirName, Reason: err.(*FolderNameError).Reason}
	}
	if again != dirName {
		return bad("not in canonical form")
	}
	return name, nil
}

func (c folderCodec) encodeSegment(s string) string {
	if c.utf8 {
		return s
	}
	return encodeMUTF7(s)
}

func (c folderCodec) decodeSegment(s string) (string, error) {
	if c.utf8 {
		if !utf8.ValidString(s) {
			return "", errBadUTF8
		}
		return s, nil
	}
	return decodeMUTF7(s)
}

// split validates an IMAP folder name and returns its hierarchy levels.
func (c folderCodec) split(name string) ([]string, error) {
	bad := func(reason string) ([]string, error) {
		return nil, &FolderNameError{Name: name, Reason: reason}
	}
	switch {
	case name == "":
		return bad("empty name")
	case !utf8.ValidString(name):
		return bad(errBadUTF8.Error())
	case isInbox(name):
		return bad("INBOX is not a folder")
	}
	segs := strings.Split(name, string(c.sep))
	if isInbox(segs[0]) {
		return bad("INBOX cannot have subfolders in Maildir++")
	}
	for _, s := range segs {
		if reason := c.checkSegment(s); reason != "" {
			return bad(reason)
		}
	}
	return segs, nil
}

// checkSegment returns why one hierarchy level is refused, or "".
func (c folderCodec) checkSegment(s string) string {
	switch {
	case s == "":
		return "empty segment (leading, trailing or doubled separator)"
	case s == "." || s == "..":
		return "segment " + s + " is a relative path element"
	case s[0] == '.':
		return "segment starts with a dot"
	case strings.ContainsRune(s, '.'):
		return "'.' inside a segment ('.' is the on-disk hierarchy character)"
	case strings.ContainsRune(s, '/'):
		return "'/' inside a segment"
	case strings.ContainsAny(s, "*%"):
		return "IMAP wildcard '*' or '%' in the name"
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "control character in the name"
	}
	return ""
}

// Folder returns the folder called name (an IMAP name written with
// Options.Separator, e.g. "Work/Projects"), or the INBOX for "" and any
// case of "INBOX". It validates and encodes the name and touches nothing
// on disk: the folder may not exist. Errors match ErrBadFolderName.
func (m *Maildir) Folder(name string) (Dir, error) {
	if name == "" || isInbox(name) {
		return m.Inbox(), nil
	}
	disk, err := m.codec().encode(name)
	if err != nil {
		return Dir{}, err
	}
	return Dir{m: m, path: filepath.Join(m.root, disk), name: name}, nil
}

// isInbox reports whether name is any case of "INBOX".
func isInbox(name string) bool { return strings.EqualFold(name, inboxName) }
