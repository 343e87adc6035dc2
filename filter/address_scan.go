package filter

import "strings"

// This file is an RFC 822/5322 tokenizer that behaves like the one
// Pigeonhole and Dovecot share (lib-mail rfc822-parser): comments and
// folding white space are skipped between tokens, 8-bit bytes count as
// atom text, and each step reports whether input is left. The address
// parsers in message_address.go and address_mailbox.go are built on it.

// scan is the outcome of one tokenizer step.
type scan int

const (
	scanErr  scan = -1 // syntax error
	scanEnd  scan = 0  // the token was read and the input is exhausted
	scanMore scan = 1  // the token was read and more input follows
)

// nulReplacement replaces a NUL byte inside quoted strings, comments and
// domain literals when parsing header values.
const nulReplacement = "\uFFFD"

// rfcScanner walks one header value or address string.
type rfcScanner struct {
	s   string
	pos int
	// comment, when not nil, receives the text of the last comment skipped.
	comment *strings.Builder
	// nul replaces NUL bytes with nulReplacement in quoted text.
	nul bool
}

// isAtext reports RFC 5322 atext; like Dovecot, every 8-bit byte is atext.
func isAtext(c byte) bool {
	switch {
	case c >= 0x80, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// more reports whether input is left.
func (p *rfcScanner) more() bool { return p.pos < len(p.s) }

// peek returns the current byte, or 0 at the end of the input.
func (p *rfcScanner) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

func (p *rfcScanner) status() scan {
	if p.more() {
		return scanMore
	}
	return scanEnd
}

// skipLWSP skips white space, line breaks and comments.
func (p *rfcScanner) skipLWSP() scan {
	for p.more() {
		switch p.s[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
			continue
		case '(':
			if p.skipComment() == scanErr {
				return scanErr
			}
			continue
		}
		break
	}
	return p.status()
}

// skipComment skips a (possibly nested) comment, remembering its text.
func (p *rfcScanner) skipComment() scan {
	var text strings.Builder
	level := 1
	p.pos++
	start := p.pos
	for ; p.pos < len(p.s); p.pos++ {
		switch p.s[p.pos] {
		case '(':
			level++
		case ')':
			if level--; level == 0 {
				text.WriteString(p.s[start:p.pos])
				p.pos++
				if p.comment != nil {
					p.comment.Reset()
					p.comment.WriteString(text.String())
				}
				return p.status()
			}
		default:
			if !p.quotedByte(&text, &start) {
				return scanErr
			}
		}
	}
	return scanErr // missing ')'
}

// quotedByte handles the byte at p.pos the way comments and quoted strings
// both do: a NUL is replaced when p.nul is set, a line break (with its CR)
// is folded away and a backslash escapes the next byte. b receives the
// text from *start up to the byte, and *start and p.pos move past what was
// consumed. It returns false for a backslash at the end of the input.
func (p *rfcScanner) quotedByte(b *strings.Builder, start *int) bool {
	switch p.s[p.pos] {
	case 0:
		if p.nul {
			b.WriteString(p.s[*start:p.pos] + nulReplacement)
			*start = p.pos + 1
		}
	case '\n':
		b.WriteString(strings.TrimSuffix(p.s[*start:p.pos], "\r"))
		*start = p.pos + 1
	case '\\':
		if p.pos+1 >= len(p.s) {
			return false
		}
		if c := p.s[p.pos+1]; c != '\r' && c != '\n' && c != 0 {
			b.WriteString(p.s[*start:p.pos])
			p.pos++
			*start = p.pos
		}
	}
	return true
}

// atom reads 1*atext into b.
func (p *rfcScanner) atom(b *strings.Builder) scan {
	if !isAtext(p.peek()) {
		return scanErr
	}
	start := p.pos
	for p.pos++; p.more() && isAtext(p.s[p.pos]); p.pos++ {
	}
	b.WriteString(p.s[start:p.pos])
	if !p.more() {
		return scanEnd
	}
	return p.skipLWSP()
}

// dotAtom reads a dot-atom into b, allowing white space around the dots
// (RFC 822) but neither a leading, a trailing nor a doubled dot.
func (p *rfcScanner) dotAtom(b *strings.Builder) scan {
	for {
		if r := p.atom(b); r != scanMore {
			return r
		}
		if p.peek() != '.' {
			return scanMore
		}
		p.pos++
		b.WriteByte('.')
		if p.skipLWSP() != scanMore {
			return scanErr
		}
	}
}

// atomOrDot reads atext and dots (possibly none) into b.
func (p *rfcScanner) atomOrDot(b *strings.Builder) scan {
	start := p.pos
	for p.more() && (isAtext(p.s[p.pos]) || p.s[p.pos] == '.') {
		p.pos++
	}
	b.WriteString(p.s[start:p.pos])
	if !p.more() {
		return scanEnd
	}
	return p.skipLWSP()
}

// phrase reads words (atoms, dots and quoted strings) into b, separated
// by single spaces.
func (p *rfcScanner) phrase(b *strings.Builder) scan {
	if !p.more() {
		return scanEnd
	}
	if p.peek() == '.' {
		return scanErr
	}
	for {
		var r scan
		if p.peek() == '"' {
			r = p.quoted(b)
		} else {
			r = p.atomOrDot(b)
		}
		if r != scanMore {
			return r
		}
		if c := p.peek(); !isAtext(c) && c != '"' && c != '.' {
			return p.skipLWSP()
		}
		b.WriteByte(' ')
	}
}

// quoted reads a quoted string's content into b, without the quotes and
// escapes and with folding line breaks removed.
func (p *rfcScanner) quoted(b *strings.Builder) scan {
	p.pos++
	start := p.pos
	for ; p.pos < len(p.s); p.pos++ {
		if p.s[p.pos] == '"' {
			b.WriteString(p.s[start:p.pos])
			p.pos++
			return p.skipLWSP()
		}
		if !p.quotedByte(b, &start) {
			return scanErr
		}
	}
	return scanErr // missing '"'
}

// domain reads "@" and then a dot-atom or a domain literal into b.
func (p *rfcScanner) domain(b *strings.Builder) scan {
	p.pos++ // the '@'
	if p.skipLWSP() != scanMore {
		return scanErr
	}
	if p.peek() == '[' {
		return p.domainLiteral(b)
	}
	return p.dotAtom(b)
}

// domainLiteral reads "[...]" into b, brackets and backslashes included.
func (p *rfcScanner) domainLiteral(b *strings.Builder) scan {
	start := p.pos
	for p.pos++; p.pos < len(p.s); p.pos++ {
		switch p.s[p.pos] {
		case 0:
			if p.nul {
				b.WriteString(p.s[start:p.pos] + nulReplacement)
				start = p.pos + 1
			}
		case '[':
			return scanErr
		case ']':
			b.WriteString(p.s[start : p.pos+1])
			p.pos++
			return p.skipLWSP()
		case '\n':
			b.WriteString(strings.TrimSuffix(p.s[start:p.pos], "\r"))
			start = p.pos + 1
		case '\\':
			if p.pos+1 >= len(p.s) {
				return scanErr
			}
			p.pos++
			if c := p.s[p.pos]; c == '\r' || c == '\n' || c == 0 {
				b.WriteString(p.s[start:p.pos])
				start = p.pos
				p.pos--
			}
		}
	}
	return scanErr // missing ']'
}

// looseDotAtom reads a local part made of atoms and dots, accepting
// leading, trailing and doubled dots as Dovecot does for some Japanese
// mail addresses.
func (p *rfcScanner) looseDotAtom(b *strings.Builder) scan {
	r := scanErr
	for {
		for p.peek() == '.' {
			b.WriteByte('.')
			p.pos++
			if !p.more() {
				return scanEnd
			}
			r = scanMore
		}
		if p.peek() == '@' {
			return r
		}
		if r = p.atom(b); r != scanMore || p.peek() != '.' {
			return r
		}
	}
}
