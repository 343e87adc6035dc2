package maildir

import (
	"strings"
)

// Subscription file names in the maildir root.
const (
	dovecotSubsFile = "subscriptions"
	courierSubsFile = "courierimapsubscribed"
)

// dovecotV2Header starts a version 2 Dovecot subscriptions file.
const dovecotV2Header = "V\t2"

// subsFormat is one subscription file's line syntax.
type subsFormat struct {
	file    string      // dovecotSubsFile or courierSubsFile
	courier bool        // "INBOX." + names with '.' (Courier-IMAP)
	v2      bool        // Dovecot version 2: levels joined by TAB
	c       folderCodec // segment encoding; c.sep joins Dovecot v1 levels
}

// subsDoc is a parsed subscription file.
type subsDoc struct {
	header []string // lines kept before the names (Dovecot v2 header)
	lines  []subsLine
}

// subsLine is one line; name is "" for a line this package does not
// understand, which is then kept as it is.
type subsLine struct {
	raw  string
	name string
}

// parse splits data into lines. A missing or empty Dovecot file becomes
// version 2, an existing one without the "V\t2" header stays version 1.
func (f *subsFormat) parse(data string) subsDoc {
	var doc subsDoc
	lines := strings.Split(data, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if !f.courier {
		f.v2 = len(lines) == 0 || lines[0] == dovecotV2Header
		if len(lines) == 0 {
			doc.header = []string{dovecotV2Header, ""}
		}
		for f.v2 && len(lines) > 0 {
			doc.header = append(doc.header, lines[0])
			lines = lines[1:]
			if doc.header[len(doc.header)-1] == "" {
				break
			}
		}
	}
	for _, l := range lines {
		doc.lines = append(doc.lines, subsLine{raw: l, name: f.nameOf(l)})
	}
	return doc
}

// render returns the file's contents.
func (doc subsDoc) render() string {
	var b strings.Builder
	for _, h := range doc.header {
		b.WriteString(h)
		b.WriteByte('\n')
	}
	for _, l := range doc.lines {
		b.WriteString(l.raw)
		b.WriteByte('\n')
	}
	return b.String()
}

// lineOf renders a valid IMAP name (or "INBOX") as a line.
func (f *subsFormat) lineOf(name string) string {
	if name == inboxName {
		return inboxName
	}
	segs := strings.Split(name, string(f.c.sep))
	for i, s := range segs {
		segs[i] = f.c.encodeSegment(s)
		if f.v2 {
			segs[i] = escapeDovecot(segs[i])
		}
	}
	switch {
	case f.courier:
		return inboxName + "." + strings.Join(segs, ".")
	case f.v2:
		return strings.Join(segs, "\t")
	}
	return strings.Join(segs, string(f.c.sep))
}

// nameOf returns the IMAP name of a line, or "" when the line does not
// hold a valid name in its canonical form.
func (f *subsFormat) nameOf(line string) string {
	if isInbox(line) {
		return inboxName
	}
	var segs []string
	switch {
	case f.courier:
		if len(line) <= len("INBOX.") || !strings.EqualFold(line[:len("INBOX.")], "INBOX.") {
			return ""
		}
		segs = strings.Split(line[len("INBOX."):], ".")
	case f.v2:
		segs = strings.Split(line, "\t")
	default:
		segs = strings.Split(line, string(f.c.sep))
	}
	for i, s := range segs {
		if f.v2 {
			s = unescapeDovecot(s)
		}
		d, err := f.c.decodeSegment(s)
		if err != nil {
			return ""
		}
		segs[i] = d
	}
	name := strings.Join(segs, string(f.c.sep))
	if _, err := f.c.encode(name); err != nil || !f.sameLine(f.lineOf(name), line) {
		return ""
	}
	return name
}

// sameLine compares lines; Courier ignores the case of the INBOX prefix.
func (f *subsFormat) sameLine(canonical, line string) bool {
	if f.courier && len(line) > len("INBOX.") {
		return canonical[len("INBOX."):] == line[len("INBOX."):]
	}
	return canonical == line
}

// dovecotEscapes are the characters Dovecot escapes in version 2 names.
var dovecotEscapes = strings.NewReplacer("\x01", "\x011", "\t", "\x01t", "\r", "\x01r", "\n", "\x01n")

// dovecotUnescapes undo dovecotEscapes.
var dovecotUnescapes = strings.NewReplacer("\x011", "\x01", "\x01t", "\t", "\x01r", "\r", "\x01n", "\n")

// escapeDovecot escapes one hierarchy level for a version 2 file.
func escapeDovecot(s string) string { return dovecotEscapes.Replace(s) }

// unescapeDovecot undoes escapeDovecot.
func unescapeDovecot(s string) string { return dovecotUnescapes.Replace(s) }

// edit applies fn to every understood line (keep=false drops it, a new
// name re-renders it), drops repeated names, appends the names of add that
// are missing, and reports whether anything changed.
func (doc *subsDoc) edit(f *subsFormat, fn func(string) (string, bool), add []string) bool {
	seen := map[string]bool{}
	changed := false
	out := doc.lines[:0]
	for _, l := range doc.lines {
		if l.name != "" {
			n, keep := fn(l.name)
			if !keep || seen[n] {
				changed = true
				continue
			}
			seen[n] = true
			if n != l.name {
				l = subsLine{raw: f.lineOf(n), name: n}
				changed = true
			}
		}
		out = append(out, l)
	}
	for _, n := range add {
		if !seen[n] {
			seen[n] = true
			out = append(out, subsLine{raw: f.lineOf(n), name: n})
			changed = true
		}
	}
	doc.lines = out
	return changed
}
