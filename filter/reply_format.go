package filter

import (
	"bytes"
	"mime"
	"mime/quotedprintable"
	"strings"
)

// foldWidth is the line length RFC 5322 section 2.1.1 recommends.
const foldWidth = 78

// max8bitLine is the longest line 8bit may carry (RFC 5322 section 2.1.1,
// without the CRLF).
const max8bitLine = 998

// cleanField replaces the characters that would end or corrupt a header
// field (CR, LF, other C0 controls and DEL) by spaces.
func cleanField(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// encodeSubject cleans s and RFC 2047-encodes it when it is not ASCII.
func encodeSubject(s string) string {
	return mime.QEncoding.Encode("utf-8", cleanField(s))
}

// writeField writes "Name: value" CRLF, folded before spaces so that lines
// stay within foldWidth where the value allows it.
func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteByte(':')
	col := len(name) + 1
	for i, word := range strings.Split(value, " ") {
		if i > 0 && word != "" && col+1+len(word) > foldWidth {
			b.WriteString("\r\n")
			col = 0
		}
		b.WriteByte(' ')
		b.WriteString(word)
		col += 1 + len(word)
	}
	b.WriteString("\r\n")
}

// crlf normalises line ends (CRLF, LF or lone CR) to CRLF and makes sure s
// ends with one.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// writeTextBody writes the text/plain header fields, the blank line and the
// body; quoted-printable is used only when a line is too long for 8bit.
func writeTextBody(b *bytes.Buffer, reason string) {
	body := crlf(reason)
	writeField(b, "Content-Type", "text/plain; charset=utf-8")
	if !hasLongLine(body) {
		writeField(b, "Content-Transfer-Encoding", "8bit")
		b.WriteString("\r\n")
		b.WriteString(body)
		return
	}
	writeField(b, "Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(body)) // writes to a bytes.Buffer cannot fail
	w.Close()
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
}

func hasLongLine(body string) bool {
	for line := range strings.SplitSeq(body, "\r\n") {
		if len(line) > max8bitLine {
			return true
		}
	}
	return false
}

// writeMIMEBody writes the :mime reason: its Content-* header fields
// (others are dropped, so a script cannot override From or To), a default
// Content-Type when it has none, the blank line and its body.
func writeMIMEBody(b *bytes.Buffer, reason string) {
	entity := crlf(reason)
	head, body, found := strings.Cut(entity, "\r\n\r\n")
	if !found {
		if strings.HasPrefix(entity, "\r\n") {
			head, body = "", entity[2:]
		} else {
			head, body = entity, ""
		}
	}
	keep, hasType := false, false
	for line := range strings.SplitSeq(head, "\r\n") {
		if line == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			name, _, _ := strings.Cut(line, ":")
			name = strings.ToLower(strings.TrimSpace(name))
			keep = strings.HasPrefix(name, "content-")
			hasType = hasType || name == "content-type"
		}
		if keep {
			b.WriteString(line)
			b.WriteString("\r\n")
		}
	}
	if !hasType {
		writeField(b, "Content-Type", "text/plain; charset=us-ascii")
	}
	b.WriteString("\r\n")
	b.WriteString(body)
}
