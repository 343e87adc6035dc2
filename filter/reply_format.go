package filter

import (
	"bytes"
	"fmt"
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

// maxWordPayload bounds the encoded text of one RFC 2047 encoded-word, so
// that with "=?utf-8?q?" and "?=" a word is at most 57 characters and a
// line holding one stays under the 76 characters of RFC 2047 section 2.
const maxWordPayload = 45

// encodeSubject cleans s and RFC 2047-encodes it when it is not plain
// ASCII (or could be mistaken for an encoded-word).
func encodeSubject(s string) string {
	s = cleanField(s)
	if !needsEncoding(s) {
		return s
	}
	return encodeWords(s)
}

func needsEncoding(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return strings.Contains(s, "=?")
}

// encodeWords encodes s as space-separated "Q" encoded-words (RFC 2047
// section 4.2) of bounded length, never splitting a character. Only
// letters, digits and "!*+-/" stay literal, which is safe in a phrase too.
func encodeWords(s string) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, "=?utf-8?q?"+cur.String()+"?=")
			cur.Reset()
		}
	}
	for _, r := range s {
		enc := qRune(r)
		if cur.Len()+len(enc) > maxWordPayload {
			flush()
		}
		cur.WriteString(enc)
	}
	flush()
	return strings.Join(words, " ")
}

// qRune returns the Q encoding of one character.
func qRune(r rune) string {
	switch {
	case r == ' ':
		return "_"
	case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!*+-/", r)):
		return string(r)
	}
	var b strings.Builder
	for _, c := range []byte(string(r)) {
		fmt.Fprintf(&b, "=%02X", c)
	}
	return b.String()
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
