package filter

import (
	"errors"
	"strings"
)

// This file reads the single addresses a script gives (redirect, the
// vacation :from and :addresses) the way Pigeonhole does: one RFC 5322
// mailbox, either an addr-spec or "phrase <addr-spec>", with white space
// and comments between tokens ("Tim <tim@example.net>",
// "<tim@example.net>", "tim@example.net (Tim)"). Route addresses, groups
// and lists are refused. The result is the bare address with its domain
// lower-cased; the local part keeps its case.

// mailAddr is an address split into its local part (unquoted) and domain.
type mailAddr struct{ local, domain string }

// String returns the address as SMTP writes it: the local part quoted
// when it is not a dot-atom.
func (a mailAddr) String() string { return encodeAddr(a.local, a.domain) }

// equalFold compares two addresses ignoring ASCII case in both parts, as
// Pigeonhole compares its own addresses with those of a message.
func (a mailAddr) equalFold(b mailAddr) bool {
	return asciiEqualFold(a.local, b.local) && asciiEqualFold(a.domain, b.domain)
}

// mailboxParser holds the state of parsing one script address.
type mailboxParser struct {
	sc            rfcScanner
	local, domain strings.Builder
	err           string // the first error found
}

// parseMailbox parses one script address. The error text is Pigeonhole's.
func parseMailbox(s string) (mailAddr, error) {
	p := &mailboxParser{sc: rfcScanner{s: s}}
	p.sc.skipLWSP()
	if !p.sc.more() {
		p.fail("empty address")
	} else if p.mailbox() != scanErr {
		switch {
		case p.sc.peek() == ',':
			p.fail("not a single address (found ',')")
		case p.sc.more():
			p.fail("address ends in invalid characters")
		case p.domain.Len() == 0:
			p.fail("missing domain")
		case p.local.Len() == 0:
			p.fail("missing local part")
		}
	} else {
		p.fail("invalid address")
	}
	if p.err != "" {
		return mailAddr{}, errors.New(p.err)
	}
	return mailAddr{local: p.local.String(), domain: asciiLower(p.domain.String())}, nil
}

// fail records msg unless an error is already recorded.
func (p *mailboxParser) fail(msg string) {
	if p.err == "" {
		p.err = msg
	}
}

// mailbox reads "phrase <addr-spec>" or, failing that, an addr-spec.
func (p *mailboxParser) mailbox() scan {
	start := p.sc.pos
	var name strings.Builder
	if p.sc.phrase(&name) != scanMore || p.sc.peek() != '<' {
		p.sc.pos = start
		return p.addrSpec()
	}
	p.sc.pos++
	if r := p.sc.skipLWSP(); r != scanMore {
		if r == scanErr {
			p.fail("invalid characters after <")
		}
		return r
	}
	if p.addrSpec() == scanErr {
		return scanErr
	}
	if p.sc.peek() != '>' {
		p.fail("missing '>'")
		return scanErr
	}
	p.sc.pos++
	r := p.sc.skipLWSP()
	if r == scanErr {
		p.fail("address ends with invalid characters")
	}
	return r
}

func (p *mailboxParser) addrSpec() scan {
	r := p.localPart()
	if r == scanErr {
		return r
	}
	if r == scanMore && p.sc.peek() == '@' {
		p.domain.Reset()
		if r = p.sc.domain(&p.domain); r == scanErr {
			p.fail("invalid or missing domain")
		}
		return r
	}
	p.fail("invalid or lonely local part '" + p.local.String() + "' (expecting '@')")
	return scanErr
}

func (p *mailboxParser) localPart() scan {
	if !p.sc.more() {
		p.fail("empty local part")
		return scanErr
	}
	p.local.Reset()
	var r scan
	if p.sc.peek() == '"' {
		r = p.sc.quoted(&p.local)
	} else {
		r = p.sc.looseDotAtom(&p.local)
	}
	if r == scanErr || !printableASCII(p.local.String()) {
		p.fail("invalid local part")
		return scanErr
	}
	return r
}

// encodeAddr writes local@domain, quoting the local part (with "\" before
// '"' and '\') unless it is a dot-atom; an empty domain is left out.
func encodeAddr(local, domain string) string {
	var b strings.Builder
	if isDotAtom(local) {
		b.WriteString(local)
	} else {
		b.WriteByte('"')
		for i := 0; i < len(local); i++ {
			if local[i] == '"' || local[i] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(local[i])
		}
		b.WriteByte('"')
	}
	if domain != "" {
		b.WriteByte('@')
		b.WriteString(domain)
	}
	return b.String()
}

// isDotAtom reports whether s is ASCII atext runs joined by single dots.
func isDotAtom(s string) bool {
	for _, run := range strings.Split(s, ".") {
		if run == "" {
			return false
		}
		for i := 0; i < len(run); i++ {
			if run[i] >= 0x80 || !isAtext(run[i]) {
				return false
			}
		}
	}
	return true
}

// printableASCII reports whether s has only the bytes 0x20 to 0x7e.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// asciiLower lower-cases the ASCII letters of s, leaving other bytes.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// asciiEqualFold compares s and t ignoring the case of ASCII letters.
func asciiEqualFold(s, t string) bool {
	return len(s) == len(t) && asciiLower(s) == asciiLower(t)
}

// ownAddress reads an address the caller gave (an envelope address): as a
// script address when it parses, else split at its last "@".
func ownAddress(s string) mailAddr {
	if a, err := parseMailbox(s); err == nil {
		return a
	}
	local, domain, _ := splitAddr(strings.Trim(s, "<>"))
	return mailAddr{local: local, domain: domain}
}
