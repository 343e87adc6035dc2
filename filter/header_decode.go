package filter

import (
	"strings"
	"unicode/utf8"
)

// This file reads header values the way Dovecot 2.3 (under Pigeonhole
// 0.5.19) gives them to Sieve tests: unfolded, RFC 2047 encoded words
// decoded, always valid UTF-8. The rules were checked one by one against
// real Pigeonhole (see the 86x oracle cases and header_decode_test.go).

// replacementChar is U+FFFD in UTF-8.
const replacementChar = "\uFFFD"

// unfoldValue returns the value of a raw header field ("Name: value" with
// its line breaks): the white space after the colon is skipped, the final
// line break dropped, each line break and the one white space character
// after it become one space (other white space stays), and NUL bytes
// become U+FFFD. Trailing white space stays.
func unfoldValue(line []byte) string {
	i := 0
	for i < len(line) && line[i] != ':' {
		i++
	}
	if i < len(line) {
		i++
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	v := line[i:]
	if n := len(v); n > 0 && v[n-1] == '\n' {
		v = v[:n-1]
		if n > 1 && v[n-2] == '\r' {
			v = v[:n-2]
		}
	}
	var b strings.Builder
	b.Grow(len(v))
	for j := 0; j < len(v); j++ {
		switch c := v[j]; {
		case c == '\r' && j+1 < len(v) && v[j+1] == '\n':
		case c == '\n':
			b.WriteByte(' ')
			if j+1 < len(v) && (v[j+1] == ' ' || v[j+1] == '\t') {
				j++
			}
		case c == 0:
			b.WriteString(replacementChar)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// decodeHeader decodes the RFC 2047 encoded words of an unfolded header
// value as Dovecot does, into valid UTF-8:
//   - an encoded word is "=?" charset "?" encoding "?" text "?=" anywhere,
//     even inside a word, a quoted string or a comment; only Q and B (any
//     case) are encodings, anything after the charset up to the second
//     "?" is ignored, and the text may hold spaces;
//   - white space alone between two encoded words is dropped;
//   - a charset the system does not know (an RFC 2231 language suffix
//     "*en" makes it unknown) leaves the decoded bytes as they are;
//   - B text is decoded up to the first character that is not base64 or
//     white space, Q text keeps a "=" not followed by two hex digits;
//   - invalid UTF-8 becomes U+FFFD, never two in a row, and a decoded NUL
//     becomes a space.
//
// Anything else, including a malformed encoded word, stays as it is.
func decodeHeader(v string) string {
	if !strings.Contains(v, "=?") && utf8.ValidString(v) {
		return v
	}
	var d headerDecoder
	start := 0
	for pos := 0; pos+1 < len(v); {
		if v[pos] != '=' || v[pos+1] != '?' {
			pos++
			continue
		}
		if pos != start && !onlyLWSP(v[start:pos]) {
			d.appendUTF8(v[start:pos])
		}
		charset, text, n, ok := encodedWord(v[pos+2:])
		if !ok {
			start = pos
			pos += 2
			continue
		}
		pos += 2 + n
		if len(text) > 0 {
			d.appendCharset(charset, text)
		}
		start = pos
	}
	if start < len(v) {
		d.appendUTF8(v[start:])
	}
	return strings.ReplaceAll(d.b.String(), "\x00", " ")
}

// onlyLWSP reports whether s holds only spaces, tabs, CRs and LFs.
func onlyLWSP(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// encodedWord parses s, the text after "=?", as charset?enc?text?= and
// returns the charset, the decoded text and the bytes used.
func encodedWord(s string) (charset string, text []byte, n int, ok bool) {
	var q [3]int
	found := 0
	for i := 0; i < len(s) && found < 3; i++ {
		if s[i] == '?' {
			q[found] = i
			found++
		}
	}
	if found < 3 || q[2]+1 >= len(s) || s[q[2]+1] != '=' {
		return "", nil, 0, false
	}
	raw := s[q[1]+1 : q[2]]
	switch s[q[0]+1] {
	case 'q', 'Q':
		text = decodeQ(raw)
	case 'b', 'B':
		text = decodeB(raw)
	default:
		return "", nil, 0, false
	}
	return s[:q[0]], text, q[2] + 2, true
}

// decodeQ decodes RFC 2047 Q text: "_" is a space, "=" and two hex digits
// a byte; a "=" without two hex digits stays, and so does the rest of the
// text when fewer than two characters follow it.
func decodeQ(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_':
			out = append(out, ' ')
		case c != '=':
			out = append(out, c)
		case i+2 >= len(s):
			return append(out, s[i:]...)
		default:
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if !ok1 || !ok2 {
				out = append(out, c)
				continue
			}
			out = append(out, hi<<4|lo)
			i += 2
		}
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeB decodes base64 text, skipping white space and stopping at the
// first other character outside the alphabet (padding included). Each
// character after the first of a group completes a byte, so a short
// group still yields what it holds.
func decodeB(s string) []byte {
	out := make([]byte, 0, len(s)*3/4)
	var acc byte
	sub := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		v, ok := unbase64(c)
		if !ok {
			break
		}
		switch sub {
		case 0:
			acc = v
		case 1:
			out = append(out, acc<<2|v>>4)
			acc = v
		case 2:
			out = append(out, acc<<4|v>>2)
			acc = v
		case 3:
			out = append(out, acc<<6|v)
		}
		sub = (sub + 1) % 4
	}
	return out
}

func unbase64(c byte) (byte, bool) {
	switch {
	case c >= 'A' && c <= 'Z':
		return c - 'A', true
	case c >= 'a' && c <= 'z':
		return c - 'a' + 26, true
	case c >= '0' && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}

// headerDecoder collects decoded header text.
type headerDecoder struct{ b strings.Builder }

// appendUTF8 appends s, replacing each run of invalid UTF-8 with one
// U+FFFD, and none right after a U+FFFD already written.
func (d *headerDecoder) appendUTF8(s string) {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n <= 1 {
			if !strings.HasSuffix(d.b.String(), replacementChar) {
				d.b.WriteString(replacementChar)
			}
		} else {
			d.b.WriteString(s[:n])
		}
		s = s[n:]
	}
}

// appendCharset converts text from charset and appends it. UTF-8 and
// US-ASCII (by the names Dovecot knows them by) and unknown charsets are
// only checked for valid UTF-8.
func (d *headerDecoder) appendCharset(charset string, text []byte) {
	if isUTF8Charset(charset) {
		d.appendUTF8(string(text))
		return
	}
	conv, ok := lookupCharset(charset)
	if !ok {
		d.appendUTF8(string(text))
		return
	}
	d.b.WriteString(conv(text))
}

// isUTF8Charset reports whether Dovecot reads charset as UTF-8 without
// converting it.
func isUTF8Charset(charset string) bool {
	for _, n := range [...]string{"us-ascii", "ascii", "utf-8", "utf8"} {
		if strings.EqualFold(charset, n) {
			return true
		}
	}
	return false
}

// sanitizeSubject makes a vacation subject safe for a header line, as
// Pigeonhole does: each control character (below U+0020, TAB and LF
// included) and each byte of invalid UTF-8 becomes U+FFFD; a subject of
// more than max code points is cut to max-1 and "…" (invalid bytes do not
// count). The subject ends at a NUL; a sequence cut short by the end of
// the text ends it there, as if the subject were too long.
func sanitizeSubject(s string, max int) string {
	s, _, _ = strings.Cut(s, "\x00")
	var b strings.Builder
	runes, last := 0, 0
	for i := 0; i < len(s); {
		if runes >= max {
			return b.String()[:last] + "…"
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			if cutShort(s[i:]) {
				return b.String()[:last] + "…"
			}
			last = b.Len()
			b.WriteString(replacementChar)
			i++
			continue
		}
		last = b.Len()
		if r < 0x20 {
			b.WriteString(replacementChar)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
		runes++
	}
	return b.String()
}

// cutShort reports whether s starts with the lead byte of a multi-byte
// sequence (in the old sense of up to six bytes) that the end of s cuts
// short, only continuation bytes following it.
func cutShort(s string) bool {
	need := 0
	switch c := s[0]; {
	case c >= 0xc0 && c < 0xe0:
		need = 2
	case c >= 0xe0 && c < 0xf0:
		need = 3
	case c >= 0xf0 && c < 0xf8:
		need = 4
	case c >= 0xf8 && c < 0xfc:
		need = 5
	case c >= 0xfc && c < 0xfe:
		need = 6
	default:
		return false
	}
	if len(s) >= need {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i]&0xc0 != 0x80 {
			return false
		}
	}
	return true
}
